import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { SessionRecord } from "../../../src/application/ports/SessionStore.js";
import { isCluster } from "../../../src/infrastructure/redis/connectRedis.js";
import { RedisSessionStore } from "../../../src/infrastructure/redis/RedisSessionStore.js";
import { SystemClock } from "../../../src/infrastructure/system/SystemClock.js";
import { describeWithRedis } from "../../support/redis.js";
import { sessionRecord } from "../../support/sessionRecords.js";

const session = (userId: string, ttlMs: number, absoluteMs = ttlMs * 4): SessionRecord => {
  const now = new Date();
  return sessionRecord(userId, now, { expiresAt: new Date(now.getTime() + ttlMs), absoluteExpiresAt: new Date(now.getTime() + absoluteMs) });
};

await describeWithRedis("RedisSessionStore on a real Redis", (redis) => {
  const store = () => new RedisSessionStore(redis().client, new SystemClock());
  const client = () => {
    const c = redis().client;
    if (isCluster(c)) throw new Error("expects a single server");
    return c;
  };

  it("keeps one key per session, with the user id as hash tag, expiring with the session; the index outlives it", async () => {
    const userId = randomUUID();
    const s = session(userId, 60_000);
    await store().create(s);
    const key = `bazaar:session:{${userId}}:${s.id}`;
    const index = `bazaar:sessions:{${userId}}`;
    expect(await client().pTTL(key)).toBeGreaterThan(55_000);
    expect(await client().pTTL(index)).toBeGreaterThan(200_000);
    expect(await client().zRange(index, 0, -1)).toEqual([s.id]);
    // That both keys share a hash slot is proven where it matters: the contract runs on a real Redis Cluster, where
    // the MULTI and MGET across them would fail with CROSSSLOT otherwise.
    const raw = (await client().get(key))!;
    expect(raw).not.toMatch(/token|hash/i);
  });

  it("lets Redis drop an expired session by TTL, and prunes its index entry on the next listing", async () => {
    const userId = randomUUID();
    const s = session(userId, 150);
    await store().create(s);
    await new Promise((r) => setTimeout(r, 300));
    expect(await client().exists(`bazaar:session:{${userId}}:${s.id}`)).toBe(0);
    expect(await store().listByUser(userId)).toEqual([]);
    expect(await client().zCard(`bazaar:sessions:{${userId}}`)).toBe(0);
  });

  it("a touch moves the key's TTL to the new expiry", async () => {
    const userId = randomUUID();
    const s = session(userId, 10_000, 600_000);
    await store().create(s);
    await store().touch(userId, s.id, new Date(), new Date(Date.now() + 300_000));
    expect(await client().pTTL(`bazaar:session:{${userId}}:${s.id}`)).toBeGreaterThan(290_000);
  });
});
