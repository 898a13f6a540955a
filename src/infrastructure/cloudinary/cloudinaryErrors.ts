import type { IncomingHttpHeaders } from "node:http";
import { ImageStorageFailed } from "../../application/ports/ImageStorage.js";

const RETRYABLE_STATUS = new Set([408, 420, 429, 499]);
const RETRYABLE_NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "ENOTFOUND", "ECONNABORTED", "UND_ERR_SOCKET"]);

interface SdkFailure {
  message?: unknown;
  http_code?: unknown;
  code?: unknown;
  error?: SdkFailure;
}

/**
 * The SDK rejects with plain objects: `{message, http_code}` for HTTP errors (499 is its own timeout),
 * `{error: Error}` for network failures. Rate limits, 5xx, timeouts and resets may succeed later; other 4xx never will.
 * `headers` are the failed response's, when it had one (see ResponseHeaderTap): a rate limit may say how long to wait.
 */
export function translateCloudinaryError(raw: unknown, publicId: string, headers?: IncomingHttpHeaders, now = Date.now()): ImageStorageFailed {
  const failure = (raw ?? {}) as SdkFailure;
  const inner = failure.error && typeof failure.error === "object" ? failure.error : failure;
  const status = typeof inner.http_code === "number" ? inner.http_code : undefined;
  const code = typeof inner.code === "string" ? inner.code : undefined;
  const message = typeof inner.message === "string" ? inner.message : code ?? "unknown Cloudinary error";
  const timedOut = status === undefined && (code === "ETIMEDOUT" || /timed? ?out/iu.test(message));
  const retryable =
    status !== undefined
      ? RETRYABLE_STATUS.has(status) || status >= 500
      : (code !== undefined && RETRYABLE_NETWORK.has(code)) || /socket hang up|reset|timed? ?out/iu.test(message);
  const retryAfterMs = status === 420 || status === 429 ? rateLimitWaitMs(headers, now) : undefined;
  return new ImageStorageFailed(`upload of ${publicId} failed: ${message}`, retryable, status, { retryAfterMs, ...(timedOut ? { cause: "timeout" } : {}) });
}

/**
 * How long a rate-limited answer asks us to wait: `Retry-After` (seconds or an HTTP date, RFC 9110), else Cloudinary's
 * `X-FeatureRateLimit-Reset` (when the window resets: an HTTP date, or epoch seconds). Undefined when neither says.
 */
export function rateLimitWaitMs(headers: IncomingHttpHeaders | undefined, now: number): number | undefined {
  const header = (name: string) => {
    const value = headers?.[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
  };
  const retryAfter = header("retry-after");
  const reset = header("x-featureratelimit-reset");
  let wait: number | undefined;
  if (retryAfter !== undefined) wait = /^\d+$/u.test(retryAfter) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - now;
  else if (reset !== undefined) wait = /^\d+$/u.test(reset) ? Number(reset) * 1000 - now : Date.parse(reset) - now;
  return wait !== undefined && Number.isFinite(wait) && wait > 0 ? wait : undefined;
}
