import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { AttemptLimiter, LimitState } from "../../application/ports/AttemptLimiter.js";
import type { RedisClient } from "../redis/connectRedis.js";

export interface LimitPolicy {
  name: string;
  points: number;
  windowSeconds: number;
  /** Store SHA-256(key) instead of the key: for keys that are personal data (an email address, account or not). */
  hashKeys?: boolean;
}

/** AttemptLimiter on rate-limiter-flexible: fixed windows, atomic counters (INCR in Redis, or process memory). */
export class FlexibleAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly hashKeys = false,
  ) {}

  static inMemory(policy: LimitPolicy): FlexibleAttemptLimiter {
    return new FlexibleAttemptLimiter(memoryLimiter(policy), policy.hashKeys);
  }

  /** Falls back to per-process counting if Redis is unreachable, rather than failing logins or letting all through. */
  static redis(policy: LimitPolicy, client: RedisClient): FlexibleAttemptLimiter {
    const limiter = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `bazaar:rl:${policy.name}`,
      points: policy.points,
      duration: policy.windowSeconds,
      insuranceLimiter: memoryLimiter(policy),
    });
    return new FlexibleAttemptLimiter(limiter, policy.hashKeys);
  }

  async consume(key: string): Promise<LimitState> {
    try {
      await this.limiter.consume(this.#key(key));
      return { retryAfterMs: 0 };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { retryAfterMs: Math.max(1, rejection.msBeforeNext) };
      throw rejection;
    }
  }

  async refund(key: string): Promise<void> {
    await this.limiter.reward(this.#key(key), 1);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(this.#key(key));
  }

  #key(key: string): string {
    return this.hashKeys ? createHash("sha256").update(key, "utf8").digest("hex") : key;
  }
}

function memoryLimiter(policy: LimitPolicy): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: policy.name, points: policy.points, duration: policy.windowSeconds });
}
