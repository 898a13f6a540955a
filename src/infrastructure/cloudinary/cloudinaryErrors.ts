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
 */
export function translateCloudinaryError(raw: unknown, publicId: string): ImageStorageFailed {
  const failure = (raw ?? {}) as SdkFailure;
  const inner = failure.error && typeof failure.error === "object" ? failure.error : failure;
  const status = typeof inner.http_code === "number" ? inner.http_code : undefined;
  const code = typeof inner.code === "string" ? inner.code : undefined;
  const message = typeof inner.message === "string" ? inner.message : code ?? "unknown Cloudinary error";
  const retryable =
    status !== undefined
      ? RETRYABLE_STATUS.has(status) || status >= 500
      : (code !== undefined && RETRYABLE_NETWORK.has(code)) || /socket hang up|reset|timed? ?out/iu.test(message);
  return new ImageStorageFailed(`upload of ${publicId} failed: ${message}`, retryable, status);
}
