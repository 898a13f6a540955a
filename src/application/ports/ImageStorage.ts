import { DomainError } from "../../domain/shared/DomainError.js";

export interface ImageUpload {
  /** Deterministic, so uploading the same image twice finds the first copy instead of making a second. */
  publicId: string;
  /** Groups a product's images (a Cloudinary asset folder, a directory on disk). */
  folder: string;
  /** Local path of the file to upload. */
  file: string;
}

export interface StoredImage {
  publicId: string;
  url: string;
  width: number;
  height: number;
  format: string;
  bytes: number;
}

export interface UploadOutcome {
  image: StoredImage;
  /** True when the public id was already taken and nothing was written. */
  existed: boolean;
}

export interface ImageStorage {
  readonly name: string;
  upload(request: ImageUpload): Promise<UploadOutcome>;
}

/** Why an upload failed, as far as retrying is concerned; the import summary counts retries by it. */
export type FailureCause = "rate-limit" | "server-error" | "timeout" | "connection" | "rejected";

export const causeOfStatus = (status: number | undefined): FailureCause => {
  if (status === undefined) return "connection";
  if (status === 420 || status === 429) return "rate-limit";
  if (status === 408 || status === 499) return "timeout";
  return status >= 500 ? "server-error" : "rejected";
};

/** An upload that failed; `retryable` says whether trying later may succeed. */
export class ImageStorageFailed extends DomainError {
  readonly code = "IMAGE_STORAGE_FAILED";
  readonly failureCause: FailureCause;
  /** How long the storage asked every client to wait (a rate limit's Retry-After or reset time), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    hints: { cause?: FailureCause; retryAfterMs?: number | undefined } = {},
  ) {
    super(message);
    this.failureCause = hints.cause ?? (retryable ? causeOfStatus(status) : "rejected");
    this.retryAfterMs = hints.retryAfterMs;
  }
}
