import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SendLedger } from "../../src/application/ports/SendLedger.js";
import { InMemorySendLedger } from "../../src/infrastructure/memory/InMemorySendLedger.js";
import type { RedisClient } from "../../src/infrastructure/redis/connectRedis.js";
import { RedisSendLedger } from "../../src/infrastructure/redis/RedisSendLedger.js";
import { SystemClock } from "../../src/infrastructure/system/SystemClock.js";
import { deleteKeys, uniquePrefix } from "../support/eventsKit.js";
import { redisForTests, redisSkipReason, type TestRedis } from "../support/redis.js";
import { describeWithRedisCluster } from "../support/redisCluster.js";

const CLAIM_MS = 150;

/** Two ledgers stand for two workers sharing one store. */
function sendLedgerContract(name: string, make: () => Promise<[SendLedger, SendLedger]>): void {
  describe(`SendLedger contract: ${name}`, () => {
    it("lets exactly one of two workers claim a notification, and reports it sent to everyone afterwards", async () => {
      const [a, b] = await make();
      expect(await a.claim("k")).toBe("claimed");
      expect(await b.claim("k")).toBe("in-progress");
      await a.markSent("k");
      expect(await b.claim("k")).toBe("already-sent");
      expect(await a.claim("k")).toBe("already-sent");
    });

    it("frees a released claim at once, but never lets a stale holder release someone else's claim", async () => {
      const [a, b] = await make();
      expect(await a.claim("k")).toBe("claimed");
      await a.release("k");
      expect(await b.claim("k")).toBe("claimed");
      await a.release("k");
      expect(await a.claim("k")).toBe("in-progress");
    });

    it("lets a claim whose holder died expire, so the work is not stuck for ever", async () => {
      const [a, b] = await make();
      expect(await a.claim("k")).toBe("claimed");
      await new Promise((r) => setTimeout(r, CLAIM_MS + 50));
      expect(await b.claim("k")).toBe("claimed");
    });
  });
}

sendLedgerContract("in-memory", async () => {
  const first = new InMemorySendLedger(new SystemClock(), { claimMs: CLAIM_MS, sentTtlSeconds: 60 });
  return [first, first.sibling()];
});

const skip = await redisSkipReason();
describe.skipIf(skip !== null)(skip ? `Redis (skipped: ${skip})` : "Redis", () => {
  let redis: TestRedis;
  const prefixes: string[] = [];
  beforeAll(async () => void (redis = await redisForTests()));
  afterAll(async () => {
    for (const p of prefixes) await deleteKeys(redis.client as RedisClient, p);
    await redis.close();
  });
  sendLedgerContract("Redis", async () => {
    const prefix = uniquePrefix("ledger");
    prefixes.push(prefix);
    const options = { prefix, claimMs: CLAIM_MS, sentTtlSeconds: 60 };
    return [new RedisSendLedger(redis.client, options), new RedisSendLedger(redis.client, options)];
  });
});

await describeWithRedisCluster("Redis Cluster", (fixture) => {
  sendLedgerContract("Redis Cluster", async () => {
    const options = { prefix: uniquePrefix("ledger"), claimMs: CLAIM_MS, sentTtlSeconds: 60 };
    return [new RedisSendLedger(fixture().redis.client, options), new RedisSendLedger(fixture().redis.client, options)];
  });
});
