import type Router from "@koa/router";
import type { Context, Next } from "koa";
import { HttpError } from "./errors/HttpError.js";

const ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/**
 * 405 with `Allow` for every method a path does not serve, including those no route serves anywhere (TRACE, CONNECT
 * tunnels aside, the WebDAV verbs): `Allow` lists the path's methods, or the server's when the path is unknown. Those
 * are refused before anything else runs. The router's own `allowedMethods` answers them 501, an error logged with a
 * stack per request, so anyone could fill the logs, and its 405 has no `Allow` header when it throws.
 * OPTIONS on a known path (without CORS preflight headers, which the CORS middleware answers) gets 204 and `Allow`.
 */
export function allowedMethods(router: Router) {
  const implemented = new Set(router.methods);
  let serverMethods: string[] | undefined;
  const methodsOf = (path: string): string[] => sorted(router.match(path, "GET").path.flatMap((layer) => layer.methods));
  const allowFor = (path: string): string[] => {
    const own = methodsOf(path);
    if (own.length > 0) return own;
    serverMethods ??= sorted(router.stack.flatMap((layer) => layer.methods));
    return serverMethods;
  };

  return async (ctx: Context, next: Next): Promise<void> => {
    if (!implemented.has(ctx.method)) throw methodNotAllowed(allowFor(ctx.path));
    await next();
    if (ctx.status !== 404 || ctx.body !== undefined) return;
    const allow = methodsOf(ctx.path);
    if (allow.length === 0 || allow.includes(ctx.method)) return;
    if (ctx.method !== "OPTIONS") throw methodNotAllowed(allow);
    ctx.status = 204;
    ctx.set("Allow", allow.join(", "));
  };
}

function sorted(methods: string[]): string[] {
  return ORDER.filter((method) => methods.includes(method));
}

function methodNotAllowed(allow: string[]): HttpError {
  return new HttpError(405, "METHOD_NOT_ALLOWED", `Allowed on this path: ${allow.join(", ")}`, undefined, { Allow: allow.join(", ") });
}
