import { describe, expect, it } from "vitest";
import type { AttemptLimiter } from "../../src/application/ports/AttemptLimiter.js";
import { FlexibleAttemptLimiter, type LimitPolicy } from "../../src/infrastructure/ratelimit/FlexibleAttemptLimiter.js";
import { describeWithRedis } from "../support/redis.js";
import { describeWithRedisCluster } from "../support/redisCluster.js";

type Make = (policy: LimitPolicy) => AttemptLimiter;
const policy = (points: number, windowSeconds = 60): LimitPolicy => ({
  name: `test-${Math.random().toString(36).slice(2)}`,
  points,
  windowSeconds,
});

function contract(name: string, make: Make) {
  describe(`AttemptLimiter contract: ${name}`, () => {
    it("allows `points` hits per window, then refuses with a retry delay", async () => {
      const limiter = make(policy(3));
      for (let i = 0; i < 3; i++) expect((await limiter.consume("k")).retryAfterMs).toBe(0);
      const refused = await limiter.consume("k");
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it("counts racing reservations one by one: of 30 concurrent consumes exactly `points` are admitted", async () => {
      const limiter = make(policy(10));
      const states = await Promise.all(Array.from({ length: 30 }, () => limiter.consume("k")));
      expect(states.filter((s) => s.retryAfterMs === 0)).toHaveLength(10);
    });

    it("refund gives one reserved attempt back", async () => {
      const limiter = make(policy(2));
      await limiter.consume("k");
      await limiter.consume("k");
      await limiter.refund("k");
      expect((await limiter.consume("k")).retryAfterMs).toBe(0);
      expect((await limiter.consume("k")).retryAfterMs).toBeGreaterThan(0);
    });

    it("reset clears a key", async () => {
      const limiter = make(policy(1));
      await limiter.consume("k");
      await limiter.consume("k");
      await limiter.reset("k");
      expect((await limiter.consume("k")).retryAfterMs).toBe(0);
    });

    it("a block ends by itself when the window does", async () => {
      const limiter = make(policy(1, 1));
      await limiter.consume("k");
      expect((await limiter.consume("k")).retryAfterMs).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await limiter.consume("k")).retryAfterMs).toBe(0);
    });
  });
}

contract("in-memory", (p) => FlexibleAttemptLimiter.inMemory(p));

await describeWithRedis("Redis", (redis) => {
  contract("Redis", (p) => FlexibleAttemptLimiter.redis(p, redis().client));
});

await describeWithRedisCluster("Redis Cluster", (fixture) => {
  contract("Redis Cluster", (p) => FlexibleAttemptLimiter.redis(p, fixture().redis.client));
});
