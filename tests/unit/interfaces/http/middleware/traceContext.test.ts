import { describe, expect, it } from "vitest";
import { incomingTraceId, startRequestTrace } from "../../../../../src/interfaces/http/middleware/traceContext.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT = "00f067aa0ba902b7";

describe("W3C traceparent", () => {
  it("keeps the trace id of a valid version-00 header, sampled or not", () => {
    expect(incomingTraceId(`00-${TRACE}-${PARENT}-01`)).toBe(TRACE);
    expect(incomingTraceId(`00-${TRACE}-${PARENT}-00`)).toBe(TRACE);
  });

  it.each([
    ["another version", `01-${TRACE}-${PARENT}-01`],
    ["version ff", `ff-${TRACE}-${PARENT}-01`],
    ["an all-zero trace id", `00-${"0".repeat(32)}-${PARENT}-01`],
    ["an all-zero parent id", `00-${TRACE}-${"0".repeat(16)}-01`],
    ["upper-case hex", `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ["a short trace id", `00-${TRACE.slice(1)}-${PARENT}-01`],
    ["a long parent id", `00-${TRACE}-${PARENT}0-01`],
    ["one-digit flags", `00-${TRACE}-${PARENT}-1`],
    ["non-hex flags", `00-${TRACE}-${PARENT}-zz`],
    ["trailing data", `00-${TRACE}-${PARENT}-01-extra`],
    ["surrounding spaces", ` 00-${TRACE}-${PARENT}-01`],
    ["nothing", ""],
  ])("ignores a header with %s", (_, header) => {
    expect(incomingTraceId(header)).toBeNull();
  });

  it("continues a valid trace with a span of its own, or starts a new trace", () => {
    const continued = startRequestTrace(`00-${TRACE}-${PARENT}-01`);
    expect(continued.traceId).toBe(TRACE);
    expect(continued.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(continued.spanId).not.toBe(PARENT);
    const a = startRequestTrace(undefined);
    const b = startRequestTrace("garbage");
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(b.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.traceId).not.toBe(b.traceId);
  });
});
