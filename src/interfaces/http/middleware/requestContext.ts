import { randomUUID } from "node:crypto";
import type { Context, Next } from "koa";
import type { Logger } from "../../../infrastructure/logging/logger.js";

const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A request id (kept from X-Request-Id when it is sane), a child logger carrying it, and one access line per request. */
export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const incoming = ctx.get("x-request-id");
    const id = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.state.log = logger.child({ reqId: id });
    ctx.set("X-Request-Id", id);
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.state.log.info(
        { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round((performance.now() - started) * 10) / 10, ip: ctx.ip },
        "request",
      );
    }
  };
}
