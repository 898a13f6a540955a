import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { DeadLetter, DeadLetters } from "../../application/ports/DeadLetters.js";
import type { EventBus, EventHandler, EventMessage, Subscription } from "../../application/ports/EventBus.js";
import { Counters, type BusStats, type ObservableBus } from "../events/BusStats.js";
import { encodeMessage } from "../events/wireFormat.js";
import type { Logger } from "../logging/logger.js";
import { waitForReplicas, type RedisClient } from "./connectRedis.js";
import { GroupCommands } from "./GroupCommands.js";
import { StreamConsumer, type ConsumerOptions } from "./StreamConsumer.js";
import { readDeadLetter, streamKeys } from "./streamKeys.js";

export interface RedisBusOptions extends ConsumerOptions {
  /** Namespace of every key, so several apps or test runs can share one Redis. */
  prefix: string;
  /** Approximate cap per stream (XADD MAXLEN ~): bounds memory, and must exceed the largest backlog a group can have. */
  maxLen: number;
  /** Stable across restarts if set; otherwise unique per process. */
  consumerName?: string;
  /** Replicas that must hold a published event before publish succeeds (Redis WAIT); 0 by default. */
  waitReplicas?: number;
}

export interface RedisBusConnections {
  publisher: RedisClient;
  commands: RedisClient;
  /** Each subscription blocks in XREADGROUP, so it gets a connection of its own. */
  openReader(): Promise<RedisClient>;
}

/**
 * At-least-once delivery on Redis Streams: one stream per channel, one consumer group per named group,
 * acknowledgement only after the handler succeeds, retries with backoff, then a dead-letter stream per group.
 */
export class RedisStreamEventBus implements EventBus, DeadLetters, ObservableBus {
  readonly #consumers = new Set<StreamConsumer>();
  readonly #readers = new Set<RedisClient>();
  readonly #watched = new Map<string, { channel: string; group: string }>();
  readonly #counters = new Counters();
  readonly #consumer: string;

  constructor(
    private readonly connections: RedisBusConnections,
    private readonly options: RedisBusOptions,
    private readonly logger: Logger,
  ) {
    this.#consumer = options.consumerName ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  }

  async publish(channel: string, message: EventMessage): Promise<void> {
    await this.publishRaw(channel, encodeMessage(message));
  }

  async publishRaw(channel: string, raw: string, fields: Record<string, string> = {}): Promise<void> {
    const stream = streamKeys(this.options.prefix, channel, "").stream;
    await this.connections.publisher.xAdd(stream, "*", { message: raw, ...fields }, this.#trim());
    // The outbox forgets an event once this returns: with replicas, it must not live on one master only.
    await waitForReplicas(this.connections.publisher, stream, this.options.waitReplicas ?? 0);
  }

  #trim() {
    return { TRIM: { strategy: "MAXLEN", strategyModifier: "~", threshold: this.options.maxLen } } as const;
  }

  async subscribe(channel: string, group: string, handler: EventHandler): Promise<Subscription> {
    const reader = await this.connections.openReader();
    this.#readers.add(reader);
    this.#watched.set(`${channel}\u0000${group}`, { channel, group });
    const keys = streamKeys(this.options.prefix, channel, group);
    const consumer = new StreamConsumer({
      reader,
      group: new GroupCommands(this.connections.commands, keys, channel, group, this.#consumer),
      stream: keys.stream,
      channel,
      groupName: group,
      consumer: this.#consumer,
      handler,
      options: this.options,
      counters: this.#counters,
      logger: this.logger,
    });
    this.#consumers.add(consumer);
    consumer.start();
    return {
      close: async () => {
        if (!this.#consumers.delete(consumer)) return;
        await consumer.stop();
        this.#readers.delete(reader);
        await reader.close().catch(() => reader.destroy());
      },
    };
  }

  async list(channel: string, group: string, limit = 100): Promise<DeadLetter[]> {
    const entries = await this.connections.commands.xRange(streamKeys(this.options.prefix, channel, group).dead, "-", "+", { COUNT: limit });
    return entries.map((e) => readDeadLetter(e.id, e.message as Record<string, string>));
  }

  async replay(channel: string, group: string): Promise<number> {
    const keys = streamKeys(this.options.prefix, channel, group);
    let replayed = 0;
    for (const letter of await this.list(channel, group, 10_000)) {
      // Addressed to the one group that failed it; the groups that handled it the first time skip it. One MULTI
      // (stream and dead letters share a hash slot), so a crash mid-replay neither loses nor repeats a letter.
      await this.connections.commands
        .multi()
        .xAdd(keys.stream, "*", { message: letter.raw, group }, this.#trim())
        .xDel(keys.dead, letter.id)
        .exec();
      replayed++;
    }
    return replayed;
  }

  async stats(): Promise<BusStats> {
    const groups: BusStats["groups"] = [];
    for (const { channel, group } of this.#watched.values()) {
      const keys = streamKeys(this.options.prefix, channel, group);
      const [info, deadLetters] = await Promise.all([this.connections.commands.xInfoGroups(keys.stream).catch(() => []), this.connections.commands.xLen(keys.dead)]);
      const mine = info.find((g) => String(g.name) === group);
      groups.push({ channel, group, pending: Number(mine?.pending ?? 0), lag: mine?.lag === undefined || mine.lag === null ? null : Number(mine.lag), deadLetters });
    }
    return { delivered: this.#counters.delivered, retried: this.#counters.retried, deadLettered: this.#counters.deadLettered, groups };
  }

  /** Closes every subscription (finishing or releasing in-flight messages), then the connections. */
  async close(): Promise<void> {
    await Promise.all([...this.#consumers].map((c) => c.stop()));
    this.#consumers.clear();
    for (const client of [...this.#readers, this.connections.commands, this.connections.publisher]) await client.close().catch(() => client.destroy());
    this.#readers.clear();
  }
}
