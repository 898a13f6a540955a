import pRetry from "p-retry";
import { ImageStorageFailed, type ImageStorage, type ImageUpload, type UploadOutcome } from "../../application/ports/ImageStorage.js";

export interface RetryPolicy {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  onRetry?: (publicId: string, error: ImageStorageFailed, attempt: number) => void;
}

/** Exponential backoff with jitter on failures the storage calls retryable; a 400 or 401 fails at once. */
export class RetryingImageStorage implements ImageStorage {
  readonly name: string;

  constructor(
    private readonly inner: ImageStorage,
    private readonly policy: RetryPolicy,
  ) {
    this.name = inner.name;
  }

  upload(request: ImageUpload): Promise<UploadOutcome> {
    return pRetry(() => this.inner.upload(request), {
      retries: this.policy.retries,
      factor: 2,
      minTimeout: this.policy.minDelayMs,
      maxTimeout: this.policy.maxDelayMs,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof ImageStorageFailed && error.retryable,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (error instanceof ImageStorageFailed && error.retryable && retriesLeft > 0) this.policy.onRetry?.(request.publicId, error, attemptNumber);
      },
    });
  }
}
