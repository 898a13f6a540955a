import { ImageStorageFailed } from "../../ports/ImageStorage.js";
import type { RetryCause, UploadRunReport } from "../../ports/UploadScheduler.js";

export interface ImportFailure {
  /** The image public id or product sku that failed. */
  target: string;
  reason: string;
}

export interface ImportSummary {
  dryRun: boolean;
  products: { total: number; written: number; failed: number };
  images: {
    total: number;
    uploaded: number;
    /** Already stored: found in the journal, or the storage reported the public id taken. */
    skipped: number;
    failed: number;
    /** Dry run only: what a real run would upload. */
    pending: number;
  };
  failures: ImportFailure[];
  /** Failed attempts that were tried again, by cause. */
  retries: Record<RetryCause, number>;
  /** Time new uploads were held back because the storage said how long to wait (420/429 with a hint). */
  rateLimit: { pausedMs: number; pauses: number };
  elapsedMs: number;
  /** Images actually uploaded per second of wall time. */
  imagesPerSecond: number;
}

export const succeeded = (s: ImportSummary) => s.failures.length === 0;

export const emptySummary = (dryRun: boolean, products: number, images: number): ImportSummary => ({
  dryRun,
  products: { total: products, written: 0, failed: 0 },
  images: { total: images, uploaded: 0, skipped: 0, failed: 0, pending: 0 },
  failures: [],
  retries: { "rate-limit": 0, "server-error": 0, timeout: 0, connection: 0 },
  rateLimit: { pausedMs: 0, pauses: 0 },
  elapsedMs: 0,
  imagesPerSecond: 0,
});

export const totalRetries = (s: ImportSummary) => Object.values(s.retries).reduce((a, b) => a + b, 0);

export function finishSummary(s: ImportSummary, uploads: UploadRunReport, elapsedMs: number): ImportSummary {
  return {
    ...s,
    retries: uploads.retries,
    rateLimit: { pausedMs: uploads.pausedMs, pauses: uploads.pauses },
    products: { ...s.products, failed: s.dryRun ? 0 : s.products.total - s.products.written },
    elapsedMs,
    imagesPerSecond: elapsedMs > 0 ? (s.images.uploaded * 1000) / elapsedMs : 0,
  };
}

export function failureReason(error: unknown): string {
  if (error instanceof ImageStorageFailed) return `${error.status ? `HTTP ${error.status}: ` : ""}${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
