import type { Context, Next } from "koa";
import helmet from "koa-helmet";

/**
 * What the OWASP REST Security Cheat Sheet asks of JSON API responses: a CSP that allows nothing and no framing,
 * HSTS, nosniff, X-Frame-Options DENY, no referrer, same-origin resources, and `Cache-Control: no-store` so that no
 * shared cache keeps a profile (routes meant to be cached, such as images, say so themselves). Helmet's other
 * defaults only mean something for HTML documents and would add ~0.4 KB to every JSON response, so they go to the
 * docs page alone: `documentSecurityHeaders`.
 */
export function apiSecurityHeaders() {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    xFrameOptions: { action: "deny" },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  return (ctx: Context, next: Next) => {
    ctx.set("Cache-Control", "no-store");
    return headers(ctx, next);
  };
}

/**
 * The API set as name/value pairs, for answers written straight to a socket before Koa exists for them (see
 * clientErrors.ts): recorded by running the very middleware above once against a recording response, so the two can
 * never drift apart. Helmet sets its headers synchronously, before the middleware awaits anything.
 */
export function apiSecurityHeaderList(): Array<[name: string, value: string]> {
  const recorded = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => recorded.set(name, String(value)),
    removeHeader: (name: string) => recorded.delete(name),
    getHeader: (name: string) => recorded.get(name),
  };
  const ctx = { req: {}, res, set: (name: string, value: string) => recorded.set(name, value) };
  void apiSecurityHeaders()(ctx as unknown as Context, async () => {});
  if (recorded.size === 0) throw new Error("security headers: helmet set nothing synchronously");
  return [...recorded];
}

/** Helmet's full default set, for the HTML docs page: its CSP lets the page load its own scripts and styles. */
export const documentSecurityHeaders = () => helmet();
