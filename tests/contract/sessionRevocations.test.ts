import { describe, expect, it } from "vitest";
import type { SessionRevocations } from "../../src/application/ports/SessionRevocations.js";
import { InMemorySessionRevocations } from "../../src/infrastructure/memory/InMemorySessionRevocations.js";
import { RedisSessionRevocations } from "../../src/infrastructure/redis/RedisSessionRevocations.js";
import { describeWithRedis } from "../support/redis.js";
import { describeWithRedisCluster } from "../support/redisCluster.js";

function contract(name: string, make: () => SessionRevocations) {
  describe(`SessionRevocations contract: ${name}`, () => {
    const id = () => `jti-${Math.random().toString(36).slice(2)}`;

    it("knows a revoked token until its expiry", async () => {
      const store = make();
      const tokenId = id();
      await store.revoke(tokenId, new Date(Date.now() + 60_000));
      expect(await store.isRevoked(tokenId)).toBe(true);
      expect(await store.isRevoked(id())).toBe(false);
    });

    it("forgets a revocation once the token would have expired anyway", async () => {
      const store = make();
      const tokenId = id();
      await store.revoke(tokenId, new Date(Date.now() + 150));
      await new Promise((r) => setTimeout(r, 300));
      expect(await store.isRevoked(tokenId)).toBe(false);
    });
  });
}

contract("in-memory", () => new InMemorySessionRevocations({ now: () => new Date() }));

await describeWithRedis("Redis", (redis) => {
  contract("Redis", () => new RedisSessionRevocations(redis().client));
});

await describeWithRedisCluster("Redis Cluster", (fixture) => {
  contract("Redis Cluster", () => new RedisSessionRevocations(fixture().redis.client));
});
