import { describe, expect, it } from "vitest";
import type { AttemptLimiter } from "../../src/application/ports/AttemptLimiter.js";
import { FlexibleAttemptLimiter, type LimitPolicy } from "../../src/infrastructure/ratelimit/FlexibleAttemptLimiter.js";
import { describeWithRedis } from "../support/redis.js";

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
      for (let i = 0; i < 3; i++) expect((await limiter.hit("k")).retryAfterMs).toBe(0);
      const refused = await limiter.hit("k");
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it("peek says whether one more attempt would be refused, without counting", async () => {
      const limiter = make(policy(2));
      expect((await limiter.peek("k")).retryAfterMs).toBe(0);
      await limiter.hit("k");
      expect((await limiter.peek("k")).retryAfterMs).toBe(0);
      await limiter.hit("k");
      expect((await limiter.peek("k")).retryAfterMs).toBeGreaterThan(0);
      expect((await limiter.peek("other")).retryAfterMs).toBe(0);
    });

    it("reset clears a key", async () => {
      const limiter = make(policy(1));
      await limiter.hit("k");
      await limiter.hit("k");
      await limiter.reset("k");
      expect((await limiter.hit("k")).retryAfterMs).toBe(0);
    });

    it("a block ends by itself when the window does", async () => {
      const limiter = make(policy(1, 1));
      await limiter.hit("k");
      expect((await limiter.hit("k")).retryAfterMs).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await limiter.hit("k")).retryAfterMs).toBe(0);
    });
  });
}

contract("in-memory", (p) => FlexibleAttemptLimiter.inMemory(p));

await describeWithRedis("Redis", (redis) => {
  contract("Redis", (p) => FlexibleAttemptLimiter.redis(p, redis().client));
});
