import PQueue from "p-queue";
import pRetry from "p-retry";
import { ImageStorageFailed } from "../../application/ports/ImageStorage.js";
import type { RetryCause, UploadRun, UploadRunEvents, UploadRunReport, UploadScheduler } from "../../application/ports/UploadScheduler.js";

export interface RetryPolicy {
  /** Backoff retries per image (exponential from minDelayMs, doubling, with jitter, capped at maxDelayMs). */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

// Retries queue ahead of images not yet tried, so a product's last image does not wait behind thousands of others.
const FIRST_TRY = 0;
const RETRY = 1;

/**
 * p-queue holds the concurrency slots, p-retry the backoff. Each attempt is its own queue task, so the backoff between
 * two attempts is spent outside the pool: the slot goes to the next image at once.
 */
export class QueuedUploadScheduler implements UploadScheduler {
  constructor(private readonly policy: RetryPolicy) {}

  open(concurrency: number, events: UploadRunEvents): UploadRun {
    return new QueuedRun(this.policy, concurrency, events);
  }
}

class QueuedRun implements UploadRun {
  readonly #queue: PQueue;
  readonly #retries: Record<RetryCause, number> = { "rate-limit": 0, "server-error": 0, timeout: 0, connection: 0 };
  #pausedUntil = 0;
  #pauseStarted = 0;
  #pausedMs = 0;
  #pauses = 0;
  #resumeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly policy: RetryPolicy,
    concurrency: number,
    private readonly events: UploadRunEvents,
  ) {
    this.#queue = new PQueue({ concurrency });
  }

  run<T>(attempt: () => Promise<T>): Promise<T> {
    let waitsAsked = 0;
    const asked = (error: unknown) => (error instanceof ImageStorageFailed && error.retryable ? error.retryAfterMs : undefined);
    // The pause is taken inside the task, before its slot is given back: otherwise the next upload would start first.
    const paced = async () => {
      try {
        return await attempt();
      } catch (error) {
        const wait = asked(error);
        if (wait !== undefined) this.#pauseFor(wait);
        throw error;
      }
    };
    return pRetry((n) => this.#queue.add(paced, { priority: n > 1 ? RETRY : FIRST_TRY }), {
      retries: this.policy.retries,
      factor: 2,
      minTimeout: this.policy.minDelayMs,
      maxTimeout: this.policy.maxDelayMs,
      randomize: true,
      onFailedAttempt: ({ error, retriesLeft }) => {
        if (!(error instanceof ImageStorageFailed) || !error.retryable || retriesLeft === 0) return;
        this.#retries[error.failureCause as RetryCause]++;
      },
      // A storage that says how long to wait pauses the whole queue; this image then waits in the queue like the
      // others rather than adding a backoff of its own. Bounded, so a storage that always says "wait" still ends.
      shouldConsumeRetry: ({ error }) => asked(error) === undefined || ++waitsAsked > this.policy.retries,
      shouldRetry: ({ error }) => error instanceof ImageStorageFailed && error.retryable,
    });
  }

  /** One pause for the whole import, extended (not repeated) by hints that arrive while it lasts. */
  #pauseFor(ms: number): void {
    const now = Date.now();
    const until = now + ms;
    if (until <= this.#pausedUntil) return;
    if (!this.#queue.isPaused) {
      this.#queue.pause();
      this.#pauses++;
      this.#pauseStarted = now;
    }
    this.#pausedUntil = until;
    this.events.paused(Math.ceil(ms / 1000));
    clearTimeout(this.#resumeTimer);
    this.#resumeTimer = setTimeout(() => this.#resume(), ms);
  }

  #resume(): void {
    this.#resumeTimer = undefined;
    this.#pausedMs += Date.now() - this.#pauseStarted;
    this.events.resumed();
    this.#queue.start();
  }

  report(): UploadRunReport {
    const ongoing = this.#queue.isPaused ? Date.now() - this.#pauseStarted : 0;
    return { retries: { ...this.#retries }, pausedMs: this.#pausedMs + ongoing, pauses: this.#pauses };
  }

  close(): void {
    clearTimeout(this.#resumeTimer);
  }
}
