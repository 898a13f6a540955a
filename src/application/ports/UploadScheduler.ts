import type { FailureCause } from "./ImageStorage.js";

export type RetryCause = Exclude<FailureCause, "rejected">;

export interface UploadRunEvents {
  /** The storage asked every client to wait: no new upload starts for `seconds` (a later hint may extend it). */
  paused(seconds: number): void;
  resumed(): void;
}

export interface UploadRunReport {
  /** Attempts that failed and were tried again, by why they failed. */
  retries: Record<RetryCause, number>;
  /** Wall time during which new starts were held back by a rate limit that said how long to wait. */
  pausedMs: number;
  pauses: number;
}

/** One import's uploads: at most `concurrency` attempts in flight, transient failures retried. */
export interface UploadRun {
  /**
   * Runs `attempt` until it succeeds, fails for good or runs out of retries. A failed attempt gives its slot up at
   * once; its retry waits outside the pool and queues again when due. Rejects with the last attempt's error.
   */
  run<T>(attempt: () => Promise<T>): Promise<T>;
  report(): UploadRunReport;
  /** Drops pending timers; the run takes no more work. */
  close(): void;
}

export interface UploadScheduler {
  open(concurrency: number, events: UploadRunEvents): UploadRun;
}
