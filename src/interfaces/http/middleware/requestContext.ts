import { randomUUID } from "node:crypto";
import type { Context, Next } from "koa";
import { unscrubbedChild, type Logger } from "../../../infrastructure/logging/logger.js";
import { startRequestTrace } from "./traceContext.js";

const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A request id (kept from X-Request-Id when it is sane) and one access line per request. */
export function requestContext(logger: Logger) {
  // The access line holds only the fields below, none of which can carry a credential, so it skips the scrub every
  // other line gets (a few µs per request, measured in docs/BENCHMARKS.md).
  const access = unscrubbedChild(logger);
  return async (ctx: Context, next: Next): Promise<void> => {
    const incoming = ctx.get("x-request-id");
    const id = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    // No child logger per request: most requests log nothing but their access line, so lines name `reqId` themselves.
    ctx.state.requestId = id;
    ctx.set("X-Request-Id", id);
    // W3C traceparent honoured or a trace started; events this request raises carry its trace id.
    const trace = startRequestTrace(ctx.get("traceparent") || undefined);
    ctx.state.trace = trace;
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      access.info({ reqId: id, traceId: trace.traceId, method: ctx.method, path: ctx.path, status: ctx.status, ms, ip: ctx.ip }, "request");
    }
  };
}
