import type { Context, Next } from "koa";
import type { AuthenticatedSession, Authenticate } from "../../../application/users/Authenticate.js";
import { InvalidToken } from "../../../application/ports/TokenService.js";
import { sessionCookieName, setSessionCookie, type CookieSettings } from "../sessionCookie.js";

export interface AuthState {
  session: AuthenticatedSession;
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

/** What a session record notes about the client: the User-Agent header (trimmed by the use-case) and the client IP. */
export function requestDevice(ctx: Context): { userAgent: string; ip: string } {
  return { userAgent: ctx.get("user-agent"), ip: ctx.ip };
}

export function requireSession(authenticate: Authenticate, cookies: CookieSettings) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const token = readToken(ctx, cookies);
    if (!token) throw new InvalidToken("Authentication required: log in first");
    const session = await authenticate.execute({ token });
    (ctx.state as AuthState).session = session;
    // Sliding renewal: when the session's expiry moved (at most once a minute), the cookie follows it. A Bearer
    // client has no cookie to renew; its token stays valid as long as the session does.
    if (session.renewed && !ctx.get("authorization")) setSessionCookie(ctx, cookies, { token, expiresAt: session.expiresAt });
    await next();
  };
}
