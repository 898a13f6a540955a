import type { EventHandler } from "../../application/ports/EventBus.js";
import { retryDelay, sleep, type RetryPolicy } from "../events/backoff.js";
import type { Counters } from "../events/BusStats.js";
import { decodeMessage } from "../events/wireFormat.js";
import type { Logger } from "../logging/logger.js";
import type { RedisClient } from "./connectRedis.js";
import type { GroupCommands } from "./GroupCommands.js";

export interface ConsumerOptions {
  retry: RetryPolicy;
  /** A message nobody has heartbeated for this long is taken over by another consumer. */
  leaseMs: number;
  blockMs: number;
  batchSize: number;
  concurrency: number;
  shutdownTimeoutMs: number;
}

export interface ConsumerContext {
  reader: RedisClient;
  group: GroupCommands;
  stream: string;
  channel: string;
  groupName: string;
  consumer: string;
  handler: EventHandler;
  options: ConsumerOptions;
  counters: Counters;
  logger: Logger;
}

interface Entry {
  id: string;
  fields: Record<string, string>;
  attempt: number;
}

type StreamReply = { name: string; messages: { id: string; message: Record<string, string> }[] }[] | null;

/**
 * One member of a consumer group on one stream. New messages come from XREADGROUP; failed ones stay pending and are
 * re-claimed with backoff by whichever member sweeps first (XPENDING + XCLAIM, which unlike XAUTOCLAIM shows each
 * entry's delivery count, so the backoff can grow per message). Messages in hand are heartbeated so that only
 * abandoned ones look idle.
 */
export class StreamConsumer {
  readonly #c: ConsumerContext;
  readonly #owned = new Map<string, Entry>();
  readonly #queue: Entry[] = [];
  readonly #running = new Set<Promise<void>>();
  #stopping = false;
  #loop: Promise<void> | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #lastError = "";

  constructor(context: ConsumerContext) {
    this.#c = context;
  }

  start(): void {
    const beat = () => void this.#c.group.heartbeat([...this.#owned.keys()]).catch(() => undefined);
    this.#heartbeat = setInterval(() => this.#owned.size > 0 && beat(), Math.max(10, Math.floor(this.#c.options.leaseMs / 3)));
    this.#loop = this.#run();
  }

  /** Stops reading, lets running handlers finish (up to the timeout), and hands the rest back to the group at once. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#loop;
    const queued = this.#queue.splice(0).map((e) => e.id);
    const finished = Promise.all([...this.#running]).then(() => true);
    const inTime = await Promise.race([finished, sleep(this.#c.options.shutdownTimeoutMs).then(() => false)]);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    const unfinished = inTime ? queued : [...new Set([...queued, ...this.#owned.keys()])];
    const { leaseMs, retry } = this.#c.options;
    if (unfinished.length > 0) await this.#c.group.release(unfinished, 2 * Math.max(leaseMs, retry.maxDelayMs)).catch(() => undefined);
  }

  async #run(): Promise<void> {
    const { options, group } = this.#c;
    let failures = 0;
    let nextSweep = 0;
    let groupReady = false;
    while (!this.#stopping) {
      try {
        if (!groupReady) await group.ensureGroup();
        groupReady = true;
        if (Date.now() >= nextSweep) {
          await this.#sweep();
          nextSweep = Date.now() + Math.max(10, Math.floor(options.retry.baseDelayMs / 2));
        }
        // With less than half a batch of room, read again only when the queue would run dry within one round of
        // handlers: topping up slot by slot as each handler finished cost one XREADGROUP per message under a backlog.
        const room = options.batchSize - this.#owned.size;
        if (room <= 0 || (room < options.batchSize / 2 && this.#queue.length >= options.concurrency)) {
          await this.#oneFinished(options.blockMs);
          continue;
        }
        const block = Math.min(options.blockMs, Math.max(1, nextSweep - Date.now()));
        const reply = (await this.#c.reader.xReadGroup(this.#c.groupName, this.#c.consumer, { key: this.#c.stream, id: ">" }, { COUNT: room, BLOCK: block })) as StreamReply;
        for (const m of reply?.[0]?.messages ?? []) this.#accept({ id: m.id, fields: m.message, attempt: 1 });
        failures = 0;
        this.#connectionState("");
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // A Redis that restarted without its data has lost the group too: recreate it and carry on.
        if (message.includes("NOGROUP")) groupReady = false;
        this.#connectionState(message);
        if (!this.#stopping) await sleep(retryDelay(++failures, { baseDelayMs: 50, maxDelayMs: 2_000 }));
      }
    }
  }

  /** Until a running handler finishes, or `ms` pass; the timer is cleared either way (this runs once per batch). */
  async #oneFinished(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([...this.#running, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** Retries failed messages whose backoff has elapsed and takes over those of dead members; dead-letters exhausted ones. */
  async #sweep(): Promise<void> {
    const { group, options, counters, logger, channel, groupName } = this.#c;
    if (this.#owned.size >= options.batchSize) return;
    for (const p of await group.idle(options.leaseMs, Math.max(options.batchSize, 10))) {
      if (this.#owned.has(p.id) || this.#owned.size >= options.batchSize) continue;
      const due = Math.max(options.leaseMs, retryDelay(p.deliveries, options.retry));
      if (p.idleMs < due) continue;
      const fields = await group.claim(p.id, due);
      if (fields === undefined) continue;
      if (fields === null) {
        await group.ack(p.id);
        logger.error({ channel, group: groupName, streamId: p.id }, "event lost: trimmed from the stream before it was handled (raise EVENT_STREAM_MAXLEN)");
      } else if (p.deliveries >= options.retry.maxAttempts) {
        const reason = await group.deadLetter(p.id, fields, p.deliveries);
        counters.deadLettered++;
        logger.error({ channel, group: groupName, streamId: p.id, attempts: p.deliveries, reason }, "event dead-lettered");
      } else {
        this.#accept({ id: p.id, fields, attempt: p.deliveries + 1 });
      }
    }
  }

  #accept(entry: Entry): void {
    this.#owned.set(entry.id, entry);
    this.#queue.push(entry);
    this.#drainQueue();
  }

  #drainQueue(): void {
    while (!this.#stopping && this.#queue.length > 0 && this.#running.size < this.#c.options.concurrency) {
      const entry = this.#queue.shift()!;
      const run = this.#handle(entry).finally(() => {
        this.#running.delete(run);
        this.#owned.delete(entry.id);
        this.#drainQueue();
      });
      this.#running.add(run);
    }
  }

  async #handle(entry: Entry): Promise<void> {
    const { group, groupName, channel, counters, logger, options } = this.#c;
    // Replays of a dead letter name the one group they are for; the others skip them.
    if (entry.fields.group && entry.fields.group !== groupName) return void (await group.ack(entry.id).catch(() => undefined));
    try {
      await this.#c.handler(decodeMessage(entry.fields.message ?? ""), { attempt: entry.attempt });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = entry.attempt >= options.retry.maxAttempts;
      if (!last) counters.retried++;
      logger.warn({ channel, group: groupName, streamId: entry.id, attempt: entry.attempt, reason }, last ? "event handler failed for the last time" : "event handler failed; will retry");
      await group.recordFailure(entry.id, reason).catch(() => undefined);
      // Back-date the entry so it becomes claimable after its backoff, not after a whole lease.
      const backoff = retryDelay(entry.attempt, options.retry);
      if (backoff < options.leaseMs) await group.release([entry.id], options.leaseMs - backoff).catch(() => undefined);
      return;
    }
    counters.delivered++;
    if (entry.attempt > 1) await group.forgetFailure(entry.id).catch(() => undefined);
    // If this ack is lost the message comes back; the handler's idempotency makes that harmless.
    await group.ackSoon(entry.id).catch((error: unknown) => logger.warn({ err: String(error), streamId: entry.id }, "ack failed; message will be redelivered"));
  }

  /** One log line per outage, not one per retry. */
  #connectionState(error: string): void {
    const { logger, channel, groupName } = this.#c;
    if (error && error !== this.#lastError) logger.warn({ channel, group: groupName, err: error }, "event consumer cannot reach Redis; retrying");
    if (!error && this.#lastError) logger.info({ channel, group: groupName }, "event consumer reconnected");
    this.#lastError = error;
  }
}
