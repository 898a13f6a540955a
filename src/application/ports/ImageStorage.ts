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

/** An upload that failed after the adapter's own retries; `retryable` says whether trying later may succeed. */
export class ImageStorageFailed extends DomainError {
  readonly code = "IMAGE_STORAGE_FAILED";
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}
