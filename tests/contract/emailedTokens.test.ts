import { describe, expect, it } from "vitest";
import type { EmailedTokenGrant, EmailedTokens, TokenPurpose } from "../../src/application/ports/EmailedTokens.js";
import { InMemoryEmailedTokens } from "../../src/infrastructure/memory/InMemoryEmailedTokens.js";
import { RedisEmailedTokens } from "../../src/infrastructure/redis/RedisEmailedTokens.js";
import { TestClock } from "../support/accountsKit.js";
import { describeWithRedis } from "../support/redis.js";
import { describeWithRedisCluster } from "../support/redisCluster.js";

interface Subject {
  store: EmailedTokens;
  now(): Date;
  /** Lets `ms` pass for the store: moves a test clock, or sleeps for stores on real time. */
  pass(ms: number): Promise<void>;
}

function contract(name: string, make: () => Subject) {
  describe(`EmailedTokens contract: ${name}`, () => {
    const user = () => `user-${Math.random().toString(36).slice(2)}`;
    const grant = (s: Subject, userId: string, purpose: TokenPurpose = "verify-email", ttlMs = 60_000): EmailedTokenGrant => ({
      purpose,
      userId,
      email: "ada@example.com",
      expiresAt: new Date(s.now().getTime() + ttlMs),
    });

    it("gives the grant back once, with its purpose, user, address and data", async () => {
      const s = make();
      const userId = user();
      const token = await s.store.issue({ ...grant(s, userId, "confirm-email-change"), data: { newEmail: "new@example.com" } });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const got = await s.store.consume("confirm-email-change", token);
      expect(got).toMatchObject({ purpose: "confirm-email-change", userId, email: "ada@example.com", data: { newEmail: "new@example.com" } });
      expect(got?.expiresAt).toBeInstanceOf(Date);
      expect(await s.store.consume("confirm-email-change", token)).toBeNull();
    });

    it("two concurrent consumes of one token: exactly one success", async () => {
      const s = make();
      const token = await s.store.issue(grant(s, user(), "reset-password"));
      const results = await Promise.all(Array.from({ length: 8 }, () => s.store.consume("reset-password", token)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it("a token of one purpose never works for another, and is not used up by the attempt", async () => {
      const s = make();
      const token = await s.store.issue(grant(s, user(), "verify-email"));
      expect(await s.store.consume("reset-password", token)).toBeNull();
      expect(await s.store.consume("restore-account", token)).toBeNull();
      expect(await s.store.consume("verify-email", token)).not.toBeNull();
    });

    it("an expired token is refused", async () => {
      const s = make();
      const token = await s.store.issue(grant(s, user(), "verify-email", 200));
      await s.pass(400);
      expect(await s.store.consume("verify-email", token)).toBeNull();
    });

    it("unknown and malformed tokens are refused", async () => {
      const s = make();
      expect(await s.store.consume("verify-email", "A".repeat(43))).toBeNull();
      expect(await s.store.consume("verify-email", "not a token")).toBeNull();
      expect(await s.store.consume("verify-email", "")).toBeNull();
    });

    it("a newer token of a purpose cancels the user's older one of that purpose only", async () => {
      const s = make();
      const userId = user();
      const older = await s.store.issue(grant(s, userId, "verify-email"));
      const reset = await s.store.issue(grant(s, userId, "reset-password"));
      const otherUsers = await s.store.issue(grant(s, user(), "verify-email"));
      const newer = await s.store.issue(grant(s, userId, "verify-email"));
      expect(await s.store.consume("verify-email", older)).toBeNull();
      expect(await s.store.consume("verify-email", newer)).not.toBeNull();
      expect(await s.store.consume("reset-password", reset)).not.toBeNull();
      expect(await s.store.consume("verify-email", otherUsers)).not.toBeNull();
    });

    it("cancelAll ends the user's tokens of the purposes listed, or of every purpose", async () => {
      const s = make();
      const userId = user();
      const verify = await s.store.issue(grant(s, userId, "verify-email"));
      const reset = await s.store.issue(grant(s, userId, "reset-password"));
      const undo = await s.store.issue(grant(s, userId, "undo-email-change"));
      const otherUsers = await s.store.issue(grant(s, user(), "reset-password"));
      await s.store.cancelAll(userId, ["reset-password"]);
      expect(await s.store.consume("reset-password", reset)).toBeNull();
      await s.store.cancelAll(userId);
      expect(await s.store.consume("verify-email", verify)).toBeNull();
      expect(await s.store.consume("undo-email-change", undo)).toBeNull();
      expect(await s.store.consume("reset-password", otherUsers)).not.toBeNull();
      // A token issued after the cancellation works.
      const fresh = await s.store.issue(grant(s, userId, "verify-email"));
      expect(await s.store.consume("verify-email", fresh)).not.toBeNull();
    });
  });
}

contract("in-memory", () => {
  const clock = new TestClock(new Date());
  return { store: new InMemoryEmailedTokens(clock), now: () => clock.now(), pass: async (ms) => clock.advance(ms) };
});

const realTime = { now: () => new Date(), pass: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

await describeWithRedis("Redis", (redis) => {
  contract("Redis", () => ({ store: new RedisEmailedTokens(redis().client), ...realTime }));
});

await describeWithRedisCluster("Redis Cluster", (fixture) => {
  contract("Redis Cluster", () => ({ store: new RedisEmailedTokens(fixture().redis.client), ...realTime }));
});
