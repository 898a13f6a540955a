import type { Clock } from "../../ports/Clock.js";
import type { EmailedTokens, TokenPurpose } from "../../ports/EmailedTokens.js";
import { emailedLink } from "../../shared/emailedLinks.js";

export interface LinkSettings {
  /** `<base>` of every emailed link (PUBLIC_APP_URL or PUBLIC_URL). */
  base: string;
  lifetimesMs: Record<Exclude<TokenPurpose, "restore-account">, number>;
}

export interface LinkRequest {
  purpose: TokenPurpose;
  /** A fixed end instead of the configured lifetime; required for a purpose without one (the restore link works until the erasure is due). */
  expiresAt?: Date;
  userId: string;
  /** The address the link is sent to. */
  email: string;
  data?: Readonly<Record<string, string>>;
}

/**
 * Issues a fresh token and returns its link, in the worker, right before the email is sent: the raw token never sits in
 * the outbox or on the bus. A retry after a crash issues another, which cancels the one that was never sent.
 */
export class LinkIssuer {
  constructor(
    private readonly tokens: EmailedTokens,
    private readonly clock: Clock,
    private readonly settings: LinkSettings,
  ) {}

  async issue({ expiresAt: end, ...request }: LinkRequest): Promise<{ url: string; expiresAt: Date }> {
    const lifetime = request.purpose === "restore-account" ? undefined : this.settings.lifetimesMs[request.purpose];
    const expiresAt = end ?? (lifetime === undefined ? undefined : new Date(this.clock.now().getTime() + lifetime));
    if (!expiresAt) throw new Error(`no lifetime for ${request.purpose} links: pass expiresAt`);
    const token = await this.tokens.issue({ ...request, expiresAt });
    return { url: emailedLink(this.settings.base, request.purpose, token), expiresAt };
  }
}
