import type { EventBus } from "../../application/ports/EventBus.js";
import type { EventRelay } from "../../application/ports/EventRelay.js";
import type { OutboxStore } from "../../application/ports/OutboxStore.js";
import { retryDelay } from "../events/backoff.js";
import type { Logger } from "../logging/logger.js";

export interface RelayOptions {
  batchSize: number;
  /** Safety net for missed nudges and for messages left by a previous process. */
  pollIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/**
 * Moves outbox messages to the bus: right after each save (nudge), on startup, and every poll interval.
 * While the bus is down it backs off and keeps the messages in the store; it marks each one sent only after the bus
 * accepted it, so a crash in between republishes it (consumers dedupe by event id).
 */
export class OutboxRelay implements EventRelay {
  #pass: Promise<void> | null = null;
  #again = false;
  #failures = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  #pollTimer: NodeJS.Timeout | null = null;
  #stopped = false;
  #published = 0;
  #failedPasses = 0;

  constructor(
    private readonly store: OutboxStore,
    private readonly bus: EventBus,
    private readonly options: RelayOptions,
    private readonly logger: Logger,
  ) {}

  get published(): number {
    return this.#published;
  }

  /** Relay passes that could not publish (bus or store down), since the process started. */
  get failedPasses(): number {
    return this.#failedPasses;
  }

  /** Messages stored and not yet on the bus. */
  backlog(): Promise<number> {
    return this.store.countPending();
  }

  start(): void {
    this.#pollTimer = setInterval(() => this.nudge(), this.options.pollIntervalMs);
    this.#pollTimer.unref();
    this.nudge();
  }

  nudge(): void {
    if (this.#stopped || this.#retryTimer) return;
    if (this.#pass) {
      this.#again = true;
      return;
    }
    this.#pass = this.#run().finally(() => (this.#pass = null));
  }

  /** Publishes everything pending now; rejects if the bus or the store fails. For tests and shutdown. */
  async flush(): Promise<void> {
    await this.#pass;
    await this.#publishAll();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    await this.#pass;
  }

  async #run(): Promise<void> {
    try {
      do {
        this.#again = false;
        await this.#publishAll();
      } while (this.#again && !this.#stopped);
      if (this.#failures > 0) this.logger.info({ failures: this.#failures }, "outbox relay: bus reachable again, backlog delivered");
      this.#failures = 0;
    } catch (error) {
      this.#failedPasses++;
      const delay = retryDelay(++this.#failures, { baseDelayMs: this.options.retryBaseMs, maxDelayMs: this.options.retryMaxMs });
      if (this.#failures === 1 || this.#failures % 10 === 0)
        this.logger.warn({ err: error instanceof Error ? error.message : String(error), failures: this.#failures, retryInMs: delay }, "outbox relay: cannot publish; events stay in the outbox");
      if (this.#stopped) return;
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        this.nudge();
      }, delay);
      this.#retryTimer.unref();
    }
  }

  async #publishAll(): Promise<void> {
    for (;;) {
      const batch = await this.store.pending(this.options.batchSize);
      if (batch.length === 0 || this.#stopped) return;
      for (const pending of batch) {
        await this.bus.publish(pending.message.type, pending.message);
        // One by one: a failure half-way must not republish what already made it.
        await this.store.markSent([pending]);
        this.#published++;
      }
    }
  }
}
