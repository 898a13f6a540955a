import type { DeadLetter, DeadLetters } from "../../application/ports/DeadLetters.js";
import type { EventBus, EventHandler, EventMessage, Subscription } from "../../application/ports/EventBus.js";
import { retryDelay, sleep, type RetryPolicy } from "../events/backoff.js";
import { Counters, type BusStats, type ObservableBus } from "../events/BusStats.js";
import { decodeMessage, encodeMessage } from "../events/wireFormat.js";

export interface InMemoryBusOptions {
  retry: RetryPolicy;
  /** Messages kept per channel for groups that subscribe later, like a Redis stream's MAXLEN. */
  maxLen: number;
  /** Handlers running at once per group. */
  concurrency: number;
}

interface Job {
  raw: string;
  attempt: number;
}

interface Group {
  channel: string;
  name: string;
  ready: Job[];
  members: EventHandler[];
  next: number;
  running: number;
  retrying: number;
}

const DEFAULTS: InMemoryBusOptions = { retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 }, maxLen: 10_000, concurrency: 4 };

/**
 * The Redis bus's contract in process memory, for the embedded default and unit tests: JSON on the wire,
 * at-least-once per group, retries with backoff, dead letters after the attempt limit. Nothing survives a restart.
 */
export class InMemoryEventBus implements EventBus, DeadLetters, ObservableBus {
  readonly #options: InMemoryBusOptions;
  readonly #log = new Map<string, string[]>();
  readonly #groups = new Map<string, Group>();
  readonly #inFlight = new Map<EventHandler, Set<Promise<void>>>();
  readonly #dead: DeadLetter[] = [];
  readonly #counters = new Counters();
  #deadSeq = 0;

  constructor(options: Partial<InMemoryBusOptions> = {}) {
    this.#options = { ...DEFAULTS, ...options };
  }

  async publish(channel: string, message: EventMessage): Promise<void> {
    this.publishRaw(channel, encodeMessage(message));
  }

  /** Puts bytes on a channel as they are, like a foreign producer might: tests use it for poison messages. */
  publishRaw(channel: string, raw: string): void {
    const log = this.#log.get(channel) ?? [];
    this.#log.set(channel, log);
    log.push(raw);
    if (log.length > this.#options.maxLen) log.splice(0, log.length - this.#options.maxLen);
    for (const group of this.#groups.values()) {
      if (group.channel !== channel) continue;
      group.ready.push({ raw, attempt: 1 });
      this.#pump(group);
    }
  }

  async subscribe(channel: string, groupName: string, handler: EventHandler): Promise<Subscription> {
    const key = `${channel}\u0000${groupName}`;
    let group = this.#groups.get(key);
    if (!group) {
      // A new group starts from the oldest kept message, as a Redis group created at id 0 does.
      const backlog = (this.#log.get(channel) ?? []).map((raw) => ({ raw, attempt: 1 }));
      group = { channel, name: groupName, ready: backlog, members: [], next: 0, running: 0, retrying: 0 };
      this.#groups.set(key, group);
    }
    const g = group;
    g.members.push(handler);
    this.#inFlight.set(handler, new Set());
    this.#pump(g);
    return {
      close: async () => {
        g.members = g.members.filter((h) => h !== handler);
        await Promise.all([...(this.#inFlight.get(handler) ?? [])]);
        this.#inFlight.delete(handler);
      },
    };
  }

  async list(channel: string, group: string, limit = 100): Promise<DeadLetter[]> {
    return this.#dead.filter((d) => d.channel === channel && d.group === group).slice(0, limit);
  }

  async replay(channel: string, groupName: string): Promise<number> {
    const group = this.#groups.get(`${channel}\u0000${groupName}`);
    const letters = this.#dead.filter((d) => d.channel === channel && d.group === groupName);
    if (!group) return 0;
    for (const letter of letters) {
      this.#dead.splice(this.#dead.indexOf(letter), 1);
      group.ready.push({ raw: letter.raw, attempt: 1 });
    }
    this.#pump(group);
    return letters.length;
  }

  async stats(): Promise<BusStats> {
    const groups = [...this.#groups.values()].map((g) => ({
      channel: g.channel,
      group: g.name,
      pending: g.running + g.retrying,
      lag: g.ready.length,
      deadLetters: this.#dead.filter((d) => d.channel === g.channel && d.group === g.name).length,
    }));
    return { delivered: this.#counters.delivered, retried: this.#counters.retried, deadLettered: this.#counters.deadLettered, groups };
  }

  /** Resolves once nothing is running, waiting for a retry, or ready for a group that has members. */
  async drain(): Promise<void> {
    const busy = () => [...this.#groups.values()].some((g) => g.running > 0 || g.retrying > 0 || (g.ready.length > 0 && g.members.length > 0));
    while (busy()) await sleep(2);
  }

  #pump(group: Group): void {
    while (group.ready.length > 0 && group.members.length > 0 && group.running < this.#options.concurrency) {
      const job = group.ready.shift()!;
      const handler = group.members[group.next++ % group.members.length]!;
      group.running++;
      const run = this.#deliver(group, handler, job).finally(() => {
        group.running--;
        this.#inFlight.get(handler)?.delete(run);
        this.#pump(group);
      });
      this.#inFlight.get(handler)?.add(run);
    }
  }

  async #deliver(group: Group, handler: EventHandler, job: Job): Promise<void> {
    try {
      await handler(decodeMessage(job.raw), { attempt: job.attempt });
      this.#counters.delivered++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (job.attempt >= this.#options.retry.maxAttempts) {
        this.#counters.deadLettered++;
        this.#dead.push({ id: String(++this.#deadSeq), channel: group.channel, group: group.name, raw: job.raw, reason, attempts: job.attempt, deadAt: new Date().toISOString() });
        return;
      }
      this.#counters.retried++;
      group.retrying++;
      // A timer, not a loop: the messages behind a failing one keep flowing while it waits.
      setTimeout(() => {
        group.retrying--;
        group.ready.push({ raw: job.raw, attempt: job.attempt + 1 });
        this.#pump(group);
      }, retryDelay(job.attempt, this.#options.retry)).unref();
    }
  }
}
