import type { Context } from "koa";
import { z } from "zod";
import type { Authenticate } from "../../../application/users/Authenticate.js";
import type { DeleteAccount } from "../../../application/users/deletion/DeleteAccount.js";
import type { RestoreAccount } from "../../../application/users/deletion/RestoreAccount.js";
import { requireSession, type AuthState } from "../middleware/authenticate.js";
import { requestTrace } from "../middleware/traceContext.js";
import { errorResponse } from "../schemas/errorSchemas.js";
import { deleteAccountBody, restoreAccountBody } from "../schemas/accountDeletionSchemas.js";
import { clearSessionCookie, type CookieSettings } from "../sessionCookie.js";
import type { AuthThrottle } from "../throttling/AuthThrottle.js";
import { route, type Route } from "./route.js";

export interface AccountDeletionDeps {
  authenticate: Authenticate;
  deleteAccount: DeleteAccount;
  restoreAccount: RestoreAccount;
  throttle: AuthThrottle;
  cookies: CookieSettings;
}

const deletionScheduled = z
  .object({
    eraseAfter: z.string().meta({ format: "date-time", description: "When the account is erased unless restored with the emailed link" }),
  })
  .meta({ id: "AccountDeletionScheduled" });

const userId = (ctx: Context) => (ctx.state as AuthState).session.userId;

export function accountDeletionRoutes(d: AccountDeletionDeps): Route[] {
  return [
    route({
      method: "delete",
      path: "/account",
      tag: "Accounts",
      summary: "Delete the account: disabled at once (every session ends), erased after the grace period unless restored with the emailed link",
      auth: true,
      guards: [requireSession(d.authenticate, d.cookies)],
      body: deleteAccountBody,
      responses: {
        202: { description: "Account disabled and scheduled for erasure; the session cookie is cleared; a notice with a restore link is emailed", schema: deletionScheduled },
        400: errorResponse("WRONG_PASSWORD, or VALIDATION_FAILED"),
        401: errorResponse("UNAUTHENTICATED: missing, invalid, expired or revoked session"),
        429: errorResponse("Too many wrong passwords; see Retry-After"),
      },
      async handle(ctx, { body }) {
        const id = userId(ctx);
        const { eraseAfter } = await d.throttle.passwordCheck(ctx.ip, id, () => d.deleteAccount.execute({ userId: id, password: body.password, trace: requestTrace(ctx) }));
        clearSessionCookie(ctx, d.cookies);
        ctx.status = 202;
        ctx.body = { eraseAfter: eraseAfter.toISOString() };
      },
    }),
    route({
      method: "post",
      path: "/account/restore",
      tag: "Accounts",
      summary: "Cancel a pending deletion with the token from the emailed link; the owner then logs in again",
      body: restoreAccountBody,
      responses: {
        204: { description: "Account restored; log in again" },
        400: errorResponse("INVALID_TOKEN: unknown, used, expired or other-purpose token (also once the account is erased), or VALIDATION_FAILED"),
      },
      async handle(ctx, { body }) {
        await d.restoreAccount.execute({ token: body.token });
        ctx.status = 204;
      },
    }),
  ];
}
