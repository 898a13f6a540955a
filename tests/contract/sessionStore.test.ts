import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Clock } from "../../src/application/ports/Clock.js";
import type { SessionRecord, SessionStore } from "../../src/application/ports/SessionStore.js";
import { InMemorySessionStore } from "../../src/infrastructure/memory/InMemorySessionStore.js";
import { RedisSessionStore } from "../../src/infrastructure/redis/RedisSessionStore.js";
import { describeWithRedis } from "../support/redis.js";
import { describeWithRedisCluster } from "../support/redisCluster.js";
import { sessionRecord } from "../support/sessionRecords.js";

/** Real time plus an offset the test moves: Redis TTLs run on real time, the stores' checks on this clock. */
class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const MINUTE = 60_000;

function contract(name: string, make: (clock: Clock) => SessionStore) {
  describe(`SessionStore contract: ${name}`, () => {
    const setup = () => {
      const clock = new OffsetClock();
      return { clock, store: make(clock), userId: randomUUID() };
    };
    const record = (clock: Clock, userId: string, over: Partial<SessionRecord> = {}): SessionRecord => sessionRecord(userId, clock.now(), over);

    it("finds a created session with every field, and only under its own user", async () => {
      const { clock, store, userId } = setup();
      const session = record(clock, userId);
      await store.create(session);
      expect(await store.find(userId, session.id)).toEqual(session);
      expect(await store.find(randomUUID(), session.id)).toBeNull();
      expect(await store.find(userId, randomUUID())).toBeNull();
    });

    it("lists a user's live sessions oldest first, and no one else's", async () => {
      const { clock, store, userId } = setup();
      const first = record(clock, userId);
      clock.offsetMs += 1_000;
      const second = record(clock, userId);
      await store.create(second);
      await store.create(first);
      await store.create(record(clock, randomUUID()));
      expect((await store.listByUser(userId)).map((s) => s.id)).toEqual([first.id, second.id]);
      expect(await store.listByUser(randomUUID())).toEqual([]);
    });

    it("forgets a session once its expiry has passed", async () => {
      const { clock, store, userId } = setup();
      const session = record(clock, userId);
      await store.create(session);
      clock.offsetMs += 10 * MINUTE + 1;
      expect(await store.find(userId, session.id)).toBeNull();
      expect(await store.listByUser(userId)).toEqual([]);
      expect(await store.end(userId, session.id)).toBe(false);
    });

    it("touch moves last seen and expiry, so a used session outlives its first expiry", async () => {
      const { clock, store, userId } = setup();
      const session = record(clock, userId);
      await store.create(session);
      clock.offsetMs += 9 * MINUTE;
      const seen = clock.now();
      const until = new Date(seen.getTime() + 10 * MINUTE);
      await store.touch(userId, session.id, seen, until);
      clock.offsetMs += 5 * MINUTE;
      expect(await store.find(userId, session.id)).toEqual({ ...session, lastSeenAt: seen, expiresAt: until });
    });

    it("touch never brings an ended session back", async () => {
      const { clock, store, userId } = setup();
      const session = record(clock, userId);
      await store.create(session);
      expect(await store.end(userId, session.id)).toBe(true);
      await store.touch(userId, session.id, clock.now(), new Date(clock.now().getTime() + MINUTE));
      expect(await store.find(userId, session.id)).toBeNull();
      expect(await store.listByUser(userId)).toEqual([]);
    });

    it("end removes one session of its user only, and says whether there was one", async () => {
      const { clock, store, userId } = setup();
      const [a, b] = [record(clock, userId), record(clock, userId)];
      await store.create(a);
      await store.create(b);
      expect(await store.end(randomUUID(), a.id)).toBe(false);
      expect(await store.find(userId, a.id)).not.toBeNull();
      expect(await store.end(userId, a.id)).toBe(true);
      expect(await store.end(userId, a.id)).toBe(false);
      expect((await store.listByUser(userId)).map((s) => s.id)).toEqual([b.id]);
    });

    it("endAll ends every session of the user, or all but the one kept", async () => {
      const { clock, store, userId } = setup();
      const other = randomUUID();
      const sessions = [record(clock, userId), record(clock, userId), record(clock, userId)];
      for (const s of sessions) await store.create(s);
      const stranger = record(clock, other);
      await store.create(stranger);
      expect(await store.endAll(userId, sessions[1]!.id)).toBe(2);
      expect((await store.listByUser(userId)).map((s) => s.id)).toEqual([sessions[1]!.id]);
      expect(await store.endAll(userId)).toBe(1);
      expect(await store.listByUser(userId)).toEqual([]);
      expect(await store.find(userId, sessions[0]!.id)).toBeNull();
      expect(await store.find(other, stranger.id)).toEqual(stranger);
      expect(await store.endAll(userId)).toBe(0);
    });
  });
}

contract("in-memory", (clock) => new InMemorySessionStore(clock));

await describeWithRedis("Redis", (redis) => {
  contract("Redis", (clock) => new RedisSessionStore(redis().client, clock));
});

await describeWithRedisCluster("Redis Cluster", (fixture) => {
  contract("Redis Cluster", (clock) => new RedisSessionStore(fixture().redis.client, clock));
});
