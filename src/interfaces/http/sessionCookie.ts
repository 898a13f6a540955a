import { serialize } from "cookie";
import type { Context } from "koa";
import type { IssuedSession } from "../../application/users/sessions/IssuedSession.js";

export interface CookieSettings {
  /** Secure cookies carry the __Host- prefix: browsers then refuse them from http, other paths or a Domain. */
  secure: boolean;
}

export function sessionCookieName(settings: CookieSettings): string {
  return settings.secure ? "__Host-bazaar_session" : "bazaar_session";
}

export function setSessionCookie(ctx: Context, settings: CookieSettings, session: IssuedSession): void {
  writeCookie(ctx, settings, session.token, Math.max(0, session.expiresAt.getTime() - Date.now()));
}

export function clearSessionCookie(ctx: Context, settings: CookieSettings): void {
  writeCookie(ctx, settings, "", 0);
}

/**
 * Written with `cookie` rather than ctx.cookies: Koa's cookies omit Max-Age and refuse Secure on a plain-http hop,
 * while TLS usually ends at a proxy in front of us.
 */
function writeCookie(ctx: Context, settings: CookieSettings, value: string, maxAgeMs: number): void {
  const maxAge = Math.floor(maxAgeMs / 1000);
  ctx.append(
    "Set-Cookie",
    serialize(sessionCookieName(settings), value, {
      httpOnly: true,
      sameSite: "lax",
      secure: settings.secure,
      path: "/",
      maxAge,
      expires: new Date(Date.now() + maxAge * 1000),
    }),
  );
}
