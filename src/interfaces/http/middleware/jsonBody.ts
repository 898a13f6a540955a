import { bodyParser } from "@koa/bodyparser";
import type { Context, Next } from "koa";
import compose from "koa-compose";
import { HttpError } from "../errors/HttpError.js";

const MAX_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const ZLIB_ERROR = /^(Z_|ERR__ERROR_)/;
// DELETE too: DELETE /account carries the password asked again. A DELETE without a body passes through untouched.
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * JSON only, size-limited, then screened for prototype-pollution keys, `$` operators and absurd nesting.
 * Only for methods whose routes take a body: a GET's body is never read, so reads skip the whole chain.
 */
export function jsonBody(limitBytes: number) {
  const parse = bodyParser({ enableTypes: ["json"], jsonLimit: limitBytes, jsonStrict: true, encoding: "utf-8", parsedMethods: [...WITH_BODY] });
  const chain = compose([requireJsonContentType, undecodableIsBadRequest(parse), screen]);
  return (ctx: Context, next: Next) => (WITH_BODY.has(ctx.method) ? chain(ctx, next) : next());
}

async function requireJsonContentType(ctx: Context, next: Next): Promise<void> {
  if (ctx.request.length !== 0 && hasBody(ctx) && !ctx.is("application/json"))
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json");
  // Koa's charset getter throws and catches internally when there is no Content-Type (~15 µs): skip it then.
  const charset = ctx.get("content-type") ? ctx.request.charset : "";
  if (charset && charset.toLowerCase() !== "utf-8" && charset.toLowerCase() !== "utf8")
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "JSON bodies must be UTF-8");
  await next();
}

/**
 * A body whose Content-Encoding (gzip, deflate, br) does not match its bytes makes zlib throw an error with no HTTP
 * status, which would otherwise be a 500: zlib's codes are `Z_…` (gzip, deflate) and `ERR__ERROR_…` (brotli decoder).
 */
function undecodableIsBadRequest(parse: (ctx: Context, next: Next) => Promise<unknown>) {
  return (ctx: Context, next: Next) => {
    let parsed = false;
    return parse(ctx, () => {
      parsed = true;
      return next();
    }).catch((error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (!parsed && typeof code === "string" && ZLIB_ERROR.test(code))
        throw new HttpError(400, "MALFORMED_JSON", "Request body does not decode as its Content-Encoding says");
      throw error;
    });
  };
}

function hasBody(ctx: Context): boolean {
  return ctx.get("transfer-encoding") !== "" || (ctx.request.length ?? 0) > 0;
}

async function screen(ctx: Context, next: Next): Promise<void> {
  const problem = findHostileShape(ctx.request.body);
  if (problem) throw new HttpError(400, "HOSTILE_INPUT", problem);
  await next();
}

/** Iterative walk so that the check itself cannot be pushed into deep recursion. */
export function findHostileShape(root: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value: root, depth: 0, path: "body" }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_DEPTH) return `Request body is nested deeper than ${MAX_DEPTH} levels`;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `Key "${key}" is not allowed (at ${path})`;
      if (key.startsWith("$")) return `Keys starting with "$" are not allowed ("${key}" at ${path})`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return null;
}
