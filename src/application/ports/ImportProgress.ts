export type ImageOutcome = "uploaded" | "skipped" | "failed" | "pending";

export interface ImportProgress {
  start(totalImages: number): void;
  advance(outcome: ImageOutcome): void;
  stop(): void;
}
