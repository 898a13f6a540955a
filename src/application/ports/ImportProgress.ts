export type ImageOutcome = "uploaded" | "skipped" | "failed" | "pending";

export interface ImportProgress {
  start(totalImages: number): void;
  advance(outcome: ImageOutcome): void;
  /** No new upload starts for `seconds` (a later call may extend it); `reason` says why, e.g. "rate limited by Cloudinary". */
  paused(seconds: number, reason: string): void;
  resumed(): void;
  stop(): void;
}
