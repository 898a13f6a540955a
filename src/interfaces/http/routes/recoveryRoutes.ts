import type { Context } from "koa";
import type { Authenticate } from "../../../application/users/Authenticate.js";
import type { ConfirmEmailChange } from "../../../application/users/ConfirmEmailChange.js";
import type { RequestEmailChange } from "../../../application/users/RequestEmailChange.js";
import type { RequestEmailVerification } from "../../../application/users/RequestEmailVerification.js";
import type { RequestPasswordReset } from "../../../application/users/RequestPasswordReset.js";
import type { ResetPassword } from "../../../application/users/ResetPassword.js";
import type { UndoEmailChange } from "../../../application/users/UndoEmailChange.js";
import type { VerifyEmail } from "../../../application/users/VerifyEmail.js";
import { requireSession, type AuthState } from "../middleware/authenticate.js";
import { requestTrace } from "../middleware/traceContext.js";
import { errorResponse } from "../schemas/errorSchemas.js";
import { acceptedSchema, changeEmailBody, emailResultSchema, forgotPasswordBody, resetPasswordBody, tokenBody } from "../schemas/recoverySchemas.js";
import type { CookieSettings } from "../sessionCookie.js";
import type { AuthThrottle } from "../throttling/AuthThrottle.js";
import { route, type Route } from "./route.js";

export interface RecoveryDeps {
  authenticate: Authenticate;
  requestEmailVerification: RequestEmailVerification;
  verifyEmail: VerifyEmail;
  requestPasswordReset: RequestPasswordReset;
  resetPassword: ResetPassword;
  requestEmailChange: RequestEmailChange;
  confirmEmailChange: ConfirmEmailChange;
  undoEmailChange: UndoEmailChange;
  throttle: AuthThrottle;
  cookies: CookieSettings;
}

const invalidToken = errorResponse("INVALID_TOKEN: unknown, used, expired, cancelled or of another purpose (one answer for all)");
const unauthenticated = errorResponse("UNAUTHENTICATED: missing, invalid, expired or revoked session");
const userId = (ctx: Context) => (ctx.state as AuthState).session.userId;
const FORGOT_ACCEPTED = "If an account uses this address, a link to reset its password is on its way.";

/** Email verification, forgotten password and email change (the JSON API behind the emailed links' pages). */
export function recoveryRoutes(d: RecoveryDeps): Route[] {
  const guards = [requireSession(d.authenticate, d.cookies)];
  return [
    route({
      method: "post",
      path: "/email/verify",
      tag: "Account recovery",
      summary: "Verify the account's address with the token of a verification link",
      body: tokenBody,
      responses: { 200: { description: "The address is verified", schema: emailResultSchema }, 400: invalidToken },
      async handle(ctx, { body }) {
        const { email } = await d.verifyEmail.execute(body);
        ctx.body = { email, emailVerified: true, message: "Your email address is verified." };
      },
    }),
    route({
      method: "post",
      path: "/email/verification",
      tag: "Account recovery",
      summary: "Send a fresh verification link (60 s cooldown and a daily cap per user; 202 either way)",
      auth: true,
      guards,
      responses: { 202: { description: "Accepted; nothing is sent when already verified, in the cooldown or over the cap", schema: acceptedSchema }, 401: unauthenticated },
      async handle(ctx) {
        await d.requestEmailVerification.execute({ userId: userId(ctx), trace: requestTrace(ctx) });
        ctx.status = 202;
        ctx.body = { message: "If your address still needs verifying, a new link is on its way." };
      },
    }),
    route({
      method: "post",
      path: "/password/forgot",
      tag: "Account recovery",
      summary: "Ask for a password-reset link: the same 202 and body, in the same time, whether or not the address has an account",
      body: forgotPasswordBody,
      responses: {
        202: { description: "Accepted (always, for any well-formed address)", schema: acceptedSchema },
        400: errorResponse("VALIDATION_FAILED: not an email address"),
        429: errorResponse("Too many requests from this IP; see Retry-After"),
      },
      async handle(ctx, { body }) {
        await d.throttle.passwordForgot(ctx.ip);
        await d.requestPasswordReset.execute({ email: body.email, trace: requestTrace(ctx) });
        ctx.status = 202;
        ctx.body = { message: FORGOT_ACCEPTED };
      },
    }),
    route({
      method: "post",
      path: "/password/reset",
      tag: "Account recovery",
      summary: "Set a new password with the token of a reset link; ends every session; the caller is not logged in",
      body: resetPasswordBody,
      responses: {
        200: { description: "Password set; every session of the account has ended", schema: acceptedSchema },
        400: errorResponse("INVALID_TOKEN, or WEAK_PASSWORD (the link stays usable: try another password)"),
      },
      async handle(ctx, { body }) {
        const { email } = await d.resetPassword.execute(body);
        await d.throttle.clearLoginLockout(ctx.ip, email);
        ctx.body = { message: "Your password is set and every session was signed out. Log in with the new password." };
      },
    }),
    route({
      method: "post",
      path: "/profile/email",
      tag: "Account recovery",
      summary: "Ask to change the account's address (current password required); a confirmation link goes to the new one",
      auth: true,
      guards,
      body: changeEmailBody,
      responses: {
        202: { description: "The new address is pending until confirmed from its inbox", schema: acceptedSchema },
        400: errorResponse("WRONG_PASSWORD, INVALID_EMAIL or EMAIL_UNCHANGED"),
        401: unauthenticated,
        409: errorResponse("EMAIL_TAKEN"),
        429: errorResponse("Too many wrong current passwords; see Retry-After"),
      },
      async handle(ctx, { body }) {
        const id = userId(ctx);
        await d.throttle.passwordCheck(ctx.ip, id, () => d.requestEmailChange.execute({ userId: id, ...body, trace: requestTrace(ctx) }));
        ctx.status = 202;
        ctx.body = { message: "A confirmation link was sent to the new address; your account keeps its current address until it is used." };
      },
    }),
    route({
      method: "post",
      path: "/email/change/confirm",
      tag: "Account recovery",
      summary: "Confirm the new address with the token sent to it; the old address gets a notice with an undo link",
      body: tokenBody,
      responses: { 200: { description: "The account now uses the new, verified address", schema: emailResultSchema }, 400: invalidToken, 409: errorResponse("EMAIL_TAKEN meanwhile") },
      async handle(ctx, { body }) {
        const { email } = await d.confirmEmailChange.execute(body);
        ctx.body = { email, emailVerified: true, message: "Your account now uses this address." };
      },
    }),
    route({
      method: "post",
      path: "/email/change/undo",
      tag: "Account recovery",
      summary: "Undo an email change from the old address: restores it, ends every session, and requires a new password (a reset link is sent)",
      body: tokenBody,
      responses: { 200: { description: "The old address is back; a reset link is on its way to it", schema: emailResultSchema }, 400: invalidToken, 409: errorResponse("EMAIL_TAKEN: the old address has another account now") },
      async handle(ctx, { body }) {
        const { email } = await d.undoEmailChange.execute(body);
        ctx.body = { email, emailVerified: true, message: "Your account uses this address again; choose a new password with the link we sent to it." };
      },
    }),
  ];
}
