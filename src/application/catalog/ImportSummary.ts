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
  elapsedMs: number;
  /** Images actually uploaded per second of wall time. */
  imagesPerSecond: number;
}

export const succeeded = (s: ImportSummary) => s.failures.length === 0;
