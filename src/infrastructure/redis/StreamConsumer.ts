import type { EventHandler } from "../../application/ports/EventBus.js";
import { retryDelay, sleep, type RetryPolicy } from "../events/backoff.js";
import type { Counters } from "../events/BusStats.js";
import { decodeMessage } from "../events/wireFormat.js";
import type { Logger } from "../logging/logger.js";
import type { RedisClient } from "./connectRedis.js";
import { deadLetterEntry, type StreamKeys } from "./streamKeys.js";

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
  commands: RedisClient;
  keys: StreamKeys;
  channel: string;
  group: string;
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
 * entry's delivery count, so the backoff can grow per message). Messages in progress are heartbeated so that only
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
    this.#heartbeat = setInterval(() => void this.#beat(), Math.max(10, Math.floor(this.#c.options.leaseMs / 3)));
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
    if (unfinished.length > 0) await this.#release(unfinished);
  }

  async #run(): Promise<void> {
    let failures = 0;
    let nextSweep = 0;
    let groupReady = false;
    while (!this.#stopping) {
      try {
        if (!groupReady) groupReady = await this.#ensureGroup();
        if (Date.now() >= nextSweep) {
          await this.#sweep();
          nextSweep = Date.now() + Math.max(10, Math.floor(this.#c.options.retry.baseDelayMs / 2));
        }
        const room = this.#c.options.batchSize - this.#owned.size;
        if (room <= 0) {
          await Promise.race([...this.#running, sleep(this.#c.options.blockMs)]);
          continue;
        }
        const block = Math.min(this.#c.options.blockMs, Math.max(1, nextSweep - Date.now()));
        const reply = (await this.#c.reader.xReadGroup(this.#c.group, this.#c.consumer, { key: this.#c.keys.stream, id: ">" }, { COUNT: room, BLOCK: block })) as StreamReply;
        for (const m of reply?.[0]?.messages ?? []) this.#accept({ id: m.id, fields: m.message, attempt: 1 });
        failures = 0;
        this.#recovered();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // A Redis that restarted without its data has lost the group too: recreate it and carry on.
        if (message.includes("NOGROUP")) groupReady = false;
        this.#failed(message);
        if (!this.#stopping) await sleep(retryDelay(++failures, { baseDelayMs: 50, maxDelayMs: 2_000 }));
      }
    }
  }

  async #ensureGroup(): Promise<boolean> {
    try {
      await this.#c.commands.xGroupCreate(this.#c.keys.stream, this.#c.group, "0", { MKSTREAM: true });
    } catch (error) {
      if (!(error instanceof Error && error.message.includes("BUSYGROUP"))) throw error;
    }
    return true;
  }

  /** Retries failed messages whose backoff has elapsed and takes over those of dead consumers; dead-letters exhausted ones. */
  async #sweep(): Promise<void> {
    const { commands, keys, group, consumer, options } = this.#c;
    const room = options.batchSize - this.#owned.size;
    if (room <= 0) return;
    const idle = await commands.xPendingRange(keys.stream, group, "-", "+", Math.max(room, 10), { IDLE: options.leaseMs });
    for (const p of idle) {
      if (this.#owned.has(p.id) || this.#owned.size >= options.batchSize) continue;
      const due = Math.max(options.leaseMs, retryDelay(p.deliveriesCounter, options.retry));
      if (p.millisecondsSinceLastDelivery < due) continue;
      // XCLAIM with a minimum idle time is the lock: of several sweeping members, exactly one gets the entry.
      const [claimed] = await commands.xClaim(keys.stream, group, consumer, due, p.id);
      if (claimed === undefined) continue;
      if (claimed === null) {
        await commands.xAck(keys.stream, group, p.id);
        this.#c.logger.error({ channel: this.#c.channel, group, streamId: p.id }, "event lost: trimmed from the stream before it was handled (raise EVENT_STREAM_MAXLEN)");
        continue;
      }
      if (p.deliveriesCounter >= options.retry.maxAttempts) await this.#deadLetter(p.id, claimed.message, p.deliveriesCounter);
      else this.#accept({ id: p.id, fields: claimed.message as Record<string, string>, attempt: p.deliveriesCounter + 1 });
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
    const { commands, keys, group, channel, counters, logger } = this.#c;
    // Replays of a dead letter name the one group they are for; the others skip them.
    if (entry.fields.group && entry.fields.group !== group) return void (await commands.xAck(keys.stream, group, entry.id).catch(() => undefined));
    try {
      const message = decodeMessage(entry.fields.message ?? "");
      await this.#c.handler(message, { attempt: entry.attempt });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = entry.attempt >= this.#c.options.retry.maxAttempts;
      if (!last) counters.retried++;
      logger.warn({ channel, group, streamId: entry.id, attempt: entry.attempt, reason }, last ? "event handler failed for the last time" : "event handler failed; will retry");
      await commands.hSet(keys.errors, entry.id, reason).catch(() => undefined);
      return;
    }
    counters.delivered++;
    if (entry.attempt > 1) await commands.hDel(keys.errors, entry.id).catch(() => undefined);
    // If this ack is lost the message comes back; the handler's idempotency makes that harmless.
    await commands.xAck(keys.stream, group, entry.id).catch((error: unknown) => logger.warn({ err: String(error), streamId: entry.id }, "ack failed; message will be redelivered"));
  }

  async #deadLetter(id: string, fields: Record<string, string>, attempts: number): Promise<void> {
    const { commands, keys, channel, group, counters, logger } = this.#c;
    const reason = (await commands.hGet(keys.errors, id)) ?? "unknown";
    await commands
      .multi()
      .xAdd(keys.dead, "*", deadLetterEntry({ channel, group, raw: fields.message ?? "", reason, attempts, streamId: id }))
      .xAck(keys.stream, group, id)
      .hDel(keys.errors, id)
      .exec();
    counters.deadLettered++;
    logger.error({ channel, group, streamId: id, attempts, reason }, "event dead-lettered");
  }

  /** Resets the idle time of messages still being worked on, so sweepers elsewhere leave them alone. */
  async #beat(): Promise<void> {
    const ids = [...this.#owned.keys()];
    if (ids.length === 0) return;
    await this.#c.commands.xClaimJustId(this.#c.keys.stream, this.#c.group, this.#c.consumer, 0, ids).catch(() => undefined);
  }

  async #release(ids: string[]): Promise<void> {
    // An idle time far in the past makes the entries claimable by the next sweep of any other member.
    const { commands, keys, group, consumer, options } = this.#c;
    await commands.xClaimJustId(keys.stream, group, consumer, 0, ids, { IDLE: 2 * Math.max(options.leaseMs, options.retry.maxDelayMs) }).catch(() => undefined);
  }

  #failed(message: string): void {
    if (message !== this.#lastError) this.#c.logger.warn({ channel: this.#c.channel, group: this.#c.group, err: message }, "event consumer cannot reach Redis; retrying");
    this.#lastError = message;
  }

  #recovered(): void {
    if (this.#lastError) this.#c.logger.info({ channel: this.#c.channel, group: this.#c.group }, "event consumer reconnected");
    this.#lastError = "";
  }
}
