import type { TokenPurpose } from "../ports/EmailedTokens.js";

/**
 * The link contract for client authors: every emailed link is `<base><path>?token=<token>`, with one path per token
 * purpose. `<base>` is Bazaar's own public URL (its link pages answer there) or, with PUBLIC_APP_URL, the client
 * app's, which then serves these paths itself and calls the JSON API (POST on the same path, `{token, …}`).
 */
export const LINK_PATHS = {
  "verify-email": "/email/verify",
  "reset-password": "/password/reset",
  "confirm-email-change": "/email/change/confirm",
  "undo-email-change": "/email/change/undo",
  "restore-account": "/account/restore",
} as const satisfies Record<TokenPurpose, string>;

/** Builds the emailed link for a purpose; every handler that emails a token (and issue 12's restore link) uses it. */
export function emailedLink(base: string, purpose: TokenPurpose, token: string): string {
  return `${base.replace(/\/+$/u, "")}${LINK_PATHS[purpose]}?token=${encodeURIComponent(token)}`;
}
