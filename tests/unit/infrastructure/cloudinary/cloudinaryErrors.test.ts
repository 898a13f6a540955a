import { describe, expect, it } from "vitest";
import { rateLimitWaitMs, translateCloudinaryError } from "../../../../src/infrastructure/cloudinary/cloudinaryErrors.js";

const now = Date.parse("2026-11-30T12:00:00Z");

describe("how long a Cloudinary rate limit asks us to wait", () => {
  it.each([
    ["Retry-After in seconds", { "retry-after": "7" }, 7_000],
    ["Retry-After as an HTTP date", { "retry-after": "Mon, 30 Nov 2026 12:00:30 GMT" }, 30_000],
    ["Cloudinary's X-FeatureRateLimit-Reset date", { "x-featureratelimit-reset": "Mon, 30 Nov 2026 12:05:00 GMT" }, 300_000],
    ["X-FeatureRateLimit-Reset in epoch seconds", { "x-featureratelimit-reset": String(now / 1000 + 12) }, 12_000],
    ["Retry-After first when both are there", { "retry-after": "2", "x-featureratelimit-reset": "Mon, 30 Nov 2026 13:00:00 GMT" }, 2_000],
  ])("%s", (_label, headers, ms) => {
    expect(rateLimitWaitMs(headers, now)).toBe(ms);
  });

  it.each([
    ["no headers", undefined],
    ["a reset already past", { "x-featureratelimit-reset": "Mon, 30 Nov 2026 11:00:00 GMT" }],
    ["Retry-After: 0", { "retry-after": "0" }],
    ["garbage", { "retry-after": "soon" }],
  ])("says nothing for %s", (_label, headers) => {
    expect(rateLimitWaitMs(headers, now)).toBeUndefined();
  });

  it("only a 420 or 429 carries a wait; a 500 with Retry-After is backed off like any 5xx", () => {
    const headers = { "retry-after": "5" };
    expect(translateCloudinaryError({ message: "Rate Limit Exceeded", http_code: 420 }, "p/1", headers, now)).toMatchObject({ retryAfterMs: 5_000, failureCause: "rate-limit" });
    expect(translateCloudinaryError({ message: "General Error", http_code: 500 }, "p/1", headers, now)).toMatchObject({ retryAfterMs: undefined, failureCause: "server-error" });
    expect(translateCloudinaryError({ error: { code: "ECONNRESET", message: "socket hang up" } }, "p/1", undefined, now)).toMatchObject({ retryable: true, failureCause: "connection" });
    expect(translateCloudinaryError({ error: { code: "ETIMEDOUT", message: "connect ETIMEDOUT" } }, "p/1", undefined, now)).toMatchObject({ retryable: true, failureCause: "timeout" });
  });
});
