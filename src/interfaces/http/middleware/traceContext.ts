import { randomFillSync } from "node:crypto";
import type { Context } from "koa";
import type { TraceContext } from "../../../domain/shared/EventMessage.js";

/** version 00 - 32 hex trace id - 16 hex parent id - 2 hex flags, lower case only (W3C Trace Context, level 1). */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/** The trace id of a valid `traceparent` header, or null: a header that breaks any rule is ignored, as the spec says. */
export function incomingTraceId(header: string | undefined): string | null {
  const match = header === undefined ? null : TRACEPARENT.exec(header);
  if (!match || match[1] === ZERO_TRACE || match[2] === ZERO_SPAN) return null;
  return match[1]!;
}

/** This request's span: it continues the caller's trace when the header is valid, or starts a new one. */
export function startRequestTrace(header: string | undefined): TraceContext {
  return { traceId: incomingTraceId(header) ?? randomHex(16), spanId: randomHex(8) };
}

// Every request needs 8 to 24 random bytes: one call into the CSPRNG per 4 KiB instead of two per request.
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString("hex", used, used + bytes);
  used += bytes;
  return hex;
}

/** What a route hands a use-case whose events should carry the request's trace. */
export function requestTrace(ctx: Context): TraceContext | undefined {
  return ctx.state.trace as TraceContext | undefined;
}
