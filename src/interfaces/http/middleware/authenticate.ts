import type { Context, Next } from "koa";
import type { Authenticate } from "../../../application/users/Authenticate.js";
import { InvalidToken, type VerifiedToken } from "../../../application/ports/TokenService.js";
import { sessionCookieName, type CookieSettings } from "../sessionCookie.js";

export interface AuthState {
  session: VerifiedToken;
}

/** A Bearer header wins over the cookie, so non-browser clients are never confused by a stale cookie. */
export function readToken(ctx: Context, cookies: CookieSettings): string | null {
  const header = ctx.get("authorization");
  if (header) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
    if (!match) throw new InvalidToken("Authorization header must be 'Bearer <token>'");
    return match[1]!;
  }
  return ctx.cookies.get(sessionCookieName(cookies)) || null;
}

export function requireSession(authenticate: Authenticate, cookies: CookieSettings) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const token = readToken(ctx, cookies);
    if (!token) throw new InvalidToken("Authentication required: log in first");
    (ctx.state as AuthState).session = await authenticate.execute({ token });
    await next();
  };
}
