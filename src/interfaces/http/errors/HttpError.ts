/** Errors raised by the HTTP edge itself (bad JSON, wrong content type, rate limits), before any use-case runs. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const validationFailed = (message: string, details: unknown) => new HttpError(400, "VALIDATION_FAILED", message, details);

export const tooManyRequests = (retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError(429, "RATE_LIMITED", `Too many attempts; retry in ${seconds} s`, { retryAfterSeconds: seconds }, {
    "Retry-After": String(seconds),
  });
};
