import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryEventBus } from "../../src/infrastructure/memory/InMemoryEventBus.js";
import type { RedisClient } from "../../src/infrastructure/redis/connectRedis.js";
import { deleteKeys, eventMessage, FAST, redisBus, uniquePrefix } from "../support/eventsKit.js";
import { waitFor } from "../support/smtpSink.js";
import { redisForTests, redisSkipReason, TEST_REDIS_URL, type TestRedis } from "../support/redis.js";
import { describeWithRedisCluster } from "../support/redisCluster.js";
import { eventBusContract } from "./eventBus.contract.js";

eventBusContract("in-memory", async () => {
  const bus = new InMemoryEventBus({ retry: FAST.retry, maxLen: FAST.maxLen, concurrency: FAST.concurrency });
  return { bus, publishRaw: async (channel, raw) => bus.publishRaw(channel, raw), close: () => bus.drain() };
});

const skip = await redisSkipReason();
const prefixes: string[] = [];
let redis: TestRedis;

describe.skipIf(skip !== null)(skip ? `Redis Streams (skipped: ${skip})` : "Redis Streams", () => {
  beforeAll(async () => void (redis = await redisForTests()));
  afterAll(async () => {
    for (const p of prefixes) await deleteKeys(redis.client as RedisClient, p);
    await redis.close();
  });
  eventBusContract("Redis Streams", async () => {
    const prefix = uniquePrefix("bus-contract");
    prefixes.push(prefix);
    const bus = await redisBus(TEST_REDIS_URL, prefix);
    return { bus, publishRaw: (channel, raw) => bus.publishRaw(channel, raw), close: () => bus.close() };
  });

  it("retries a failed message after its backoff, not after the (much longer) lease that guards against dead workers", async () => {
    const prefix = uniquePrefix("bus-backoff");
    prefixes.push(prefix);
    const bus = await redisBus(TEST_REDIS_URL, prefix, { leaseMs: 10_000, retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 100 } });
    try {
      const attempts: number[] = [];
      await bus.subscribe("user:signup", "g", async (_m, d) => {
        attempts.push(d.attempt);
        if (d.attempt === 1) throw new Error("transient");
      });
      await bus.publish("user:signup", eventMessage());
      expect(await waitFor(() => attempts.length === 2, 2_000)).toBe(true);
      expect(attempts).toEqual([1, 2]);
    } finally {
      await bus.close();
    }
  });
});

// Dead-lettering and replay are MULTIs over a stream, its failure reasons and its dead letters: on a cluster they
// answer CROSSSLOT unless the three keys share a hash slot, so this block fails if the key layout ever splits them.
await describeWithRedisCluster("Redis Streams on a Redis Cluster", (fixture) => {
  eventBusContract("Redis Streams on a Redis Cluster", async () => {
    const bus = await redisBus(fixture().cluster.target, uniquePrefix("bus-contract"));
    return { bus, publishRaw: (channel, raw) => bus.publishRaw(channel, raw), close: () => bus.close() };
  });
});
