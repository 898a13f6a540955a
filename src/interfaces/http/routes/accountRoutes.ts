import type { Login } from "../../../application/users/Login.js";
import type { Logout } from "../../../application/users/Logout.js";
import type { RegisterUser } from "../../../application/users/RegisterUser.js";
import { Email } from "../../../domain/users/Email.js";
import { readToken, requestDevice } from "../middleware/authenticate.js";
import { requestTrace } from "../middleware/traceContext.js";
import { errorResponse } from "../schemas/errorSchemas.js";
import { loginBody, publicUserSchema, sessionResponseSchema, signupBody } from "../schemas/userSchemas.js";
import { clearSessionCookie, setSessionCookie, type CookieSettings } from "../sessionCookie.js";
import type { AuthThrottle } from "../throttling/AuthThrottle.js";
import { route, type Route } from "./route.js";

export interface AccountDeps {
  registerUser: RegisterUser;
  login: Login;
  logout: Logout;
  throttle: AuthThrottle;
  cookies: CookieSettings;
}

const limited = errorResponse("Too many attempts; see Retry-After");

export function accountRoutes(d: AccountDeps): Route[] {
  return [
    route({
      method: "post",
      path: "/signup",
      tag: "Accounts",
      summary: "Create an account",
      body: signupBody,
      responses: {
        201: { description: "Account created", schema: publicUserSchema },
        400: errorResponse("Invalid input or weak password"),
        409: errorResponse("EMAIL_TAKEN"),
        429: limited,
      },
      async handle(ctx, { body }) {
        await d.throttle.signup(ctx.ip, Email.normalise(body.email));
        ctx.status = 201;
        ctx.body = await d.registerUser.execute({ ...body, trace: requestTrace(ctx) });
      },
    }),
    route({
      method: "post",
      path: "/login",
      tag: "Accounts",
      summary: "Log in; starts a session, sets its cookie and ends the session the client already held, if any",
      body: loginBody,
      responses: {
        200: { description: "Logged in; the JWT is in the httpOnly Set-Cookie header", schema: sessionResponseSchema },
        401: errorResponse("INVALID_CREDENTIALS, the same for an unknown email and a wrong password"),
        429: limited,
      },
      async handle(ctx, { body }) {
        const previousToken = safely(() => readToken(ctx, d.cookies));
        const { user, session } = await d.throttle.login(ctx.ip, Email.normalise(body.email), () =>
          d.login.execute({ ...body, previousToken, ...requestDevice(ctx), trace: requestTrace(ctx) }),
        );
        setSessionCookie(ctx, d.cookies, session);
        ctx.body = { user, expiresAt: session.expiresAt.toISOString() };
      },
    }),
    route({
      method: "post",
      path: "/logout",
      tag: "Accounts",
      summary: "Log out: ends the session server-side and clears the cookie",
      responses: { 204: { description: "Logged out (also when there was no valid session)" } },
      async handle(ctx) {
        clearSessionCookie(ctx, d.cookies);
        ctx.status = 204;
        await d.logout.execute({ token: safely(() => readToken(ctx, d.cookies)) });
      },
    }),
  ];
}

/** A malformed Authorization header on logout is treated as no session at all. */
function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
