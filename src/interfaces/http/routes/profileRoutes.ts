import type { Context } from "koa";
import type { Authenticate } from "../../../application/users/Authenticate.js";
import type { ChangePassword } from "../../../application/users/ChangePassword.js";
import type { EditProfile } from "../../../application/users/EditProfile.js";
import type { ViewProfile } from "../../../application/users/ViewProfile.js";
import { requestDevice, requireSession, type AuthState } from "../middleware/authenticate.js";
import { requestTrace } from "../middleware/traceContext.js";
import { errorResponse } from "../schemas/errorSchemas.js";
import { changePasswordBody, editProfileBody, publicUserSchema, sessionResponseSchema } from "../schemas/userSchemas.js";
import { setSessionCookie, type CookieSettings } from "../sessionCookie.js";
import type { AuthThrottle } from "../throttling/AuthThrottle.js";
import { route, type Route } from "./route.js";

export interface ProfileDeps {
  authenticate: Authenticate;
  viewProfile: ViewProfile;
  editProfile: EditProfile;
  changePassword: ChangePassword;
  throttle: AuthThrottle;
  cookies: CookieSettings;
}

const unauthenticated = errorResponse("UNAUTHENTICATED: missing, invalid, expired or revoked session");
const userId = (ctx: Context) => (ctx.state as AuthState).session.userId;

export function profileRoutes(d: ProfileDeps): Route[] {
  const guards = [requireSession(d.authenticate, d.cookies)];
  return [
    route({
      method: "get",
      path: "/profile/view",
      tag: "Profile",
      summary: "The current user",
      auth: true,
      guards,
      responses: { 200: { description: "The current user", schema: publicUserSchema }, 401: unauthenticated },
      async handle(ctx) {
        ctx.body = await d.viewProfile.execute({ userId: userId(ctx) });
      },
    }),
    route({
      method: "patch",
      path: "/profile/edit",
      tag: "Profile",
      summary: "Change allowlisted profile fields",
      auth: true,
      guards,
      body: editProfileBody,
      responses: {
        200: { description: "The updated user", schema: publicUserSchema },
        400: errorResponse("VALIDATION_FAILED naming the offending field"),
        401: unauthenticated,
      },
      async handle(ctx, { body }) {
        ctx.body = await d.editProfile.execute({ userId: userId(ctx), changes: body });
      },
    }),
    route({
      method: "patch",
      path: "/profile/changePassword",
      tag: "Profile",
      summary: "Change password; ends every other session and sets a fresh cookie",
      auth: true,
      guards,
      body: changePasswordBody,
      responses: {
        200: { description: "Password changed; new session cookie set", schema: sessionResponseSchema },
        400: errorResponse("WRONG_PASSWORD or WEAK_PASSWORD"),
        401: unauthenticated,
        429: errorResponse("Too many wrong current passwords; see Retry-After"),
      },
      async handle(ctx, { body }) {
        const id = userId(ctx);
        const { user, session } = await d.throttle.passwordCheck(ctx.ip, id, () =>
          d.changePassword.execute({ userId: id, ...body, ...requestDevice(ctx), trace: requestTrace(ctx) }),
        );
        setSessionCookie(ctx, d.cookies, session);
        ctx.body = { user, expiresAt: session.expiresAt.toISOString() };
      },
    }),
  ];
}
