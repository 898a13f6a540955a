import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, inject } from "vitest";
import type { EventMessage } from "../../src/application/ports/EventBus.js";
import { ACCOUNTS } from "../../src/composition/accounts.js";
import { Email } from "../../src/domain/users/Email.js";
import { User } from "../../src/domain/users/User.js";
import { USER_DELETED } from "../../src/domain/users/UserEvents.js";
import { MongoUserRepository } from "../../src/infrastructure/mongo/MongoUserRepository.js";
import type { RedisStreamEventBus } from "../../src/infrastructure/redis/RedisStreamEventBus.js";
import { deleteKeys, redisBus, uniquePrefix } from "../support/eventsKit.js";
import { describeWithMongo } from "../support/mongo.js";
import { eventsEnv, startInProcessWorker, type InProcessWorker } from "../support/notificationsKit.js";
import { redisForTests, redisSkipReason, TEST_REDIS_URL } from "../support/redis.js";
import { waitFor } from "../support/smtpSink.js";

const DAY = 86_400_000;

/** A user whose deletion was asked for 15 days ago: due for erasure now. Added directly (no $push needed). */
async function dueAccount(repo: MongoUserRepository, email: string): Promise<User> {
  const asked = new Date(Date.now() - 15 * DAY);
  const user = User.register({ id: `u-${Math.random().toString(36).slice(2)}`, email: Email.parse(email), passwordHash: "$2b$04$x", profile: { firstName: "Leaver" }, now: asked });
  user.requestDeletion(asked, new Date(asked.getTime() + 14 * DAY));
  user.pullEvents();
  await repo.add(User.restore(user.toState()));
  return user;
}

const skipRedis = await redisSkipReason();

/**
 * Two worker processes' runtimes (as `npm run worker` builds them) on one MongoDB and one Redis: the erasure job runs
 * in both at the same moment, and each due account is erased once, with one user:deleted event.
 */
describeWithMongo(`Account erasure with two workers${skipRedis ? ` (skipped: ${skipRedis})` : ""}`, ["unique index", "sparse index"], ({ freshDb, itNeeds }) => {
  const mailDir = mkdtempSync(path.join(tmpdir(), "bazaar-erasure-mail-"));
  const running: Array<InProcessWorker | RedisStreamEventBus> = [];
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const r of running.reverse()) await ("runtime" in r ? r.stop() : r.close());
    if (!skipRedis) {
      const redis = await redisForTests();
      for (const p of prefixes) await deleteKeys(redis.client, p);
      await redis.close();
    }
    rmSync(mailDir, { recursive: true, force: true });
  });

  /** A fresh database and stream prefix, a downstream consumer of user:deleted, one account due before the workers start, and the two workers. */
  async function twoWorkers() {
    const db = await freshDb();
    const repo = new MongoUserRepository(db);
    await repo.ensureIndexes();
    const prefix = uniquePrefix("erasure");
    prefixes.push(prefix);
    const downstream = await redisBus(TEST_REDIS_URL, prefix);
    running.push(downstream);
    const published: EventMessage[] = [];
    await downstream.subscribe(USER_DELETED, "downstream", async (m) => void published.push(m));
    // Due before the workers start: both start-up runs of the job race for it.
    const first = await dueAccount(repo, `first-${Date.now()}@example.com`);
    const env = eventsEnv({
      REDIS_URL: TEST_REDIS_URL,
      MONGODB_URI: inject("mongo").uri!,
      MONGODB_DB: db.databaseName,
      EVENT_STREAM_PREFIX: prefix,
      MAIL_DIR: mailDir,
      // Only the start-up run and the runs the test asks for: no timer runs in between.
      ACCOUNT_ERASURE_INTERVAL_MS: String(DAY),
    });
    const workers = await Promise.all([startInProcessWorker(env), startInProcessWorker(env)]);
    running.push(...workers);
    expect(await waitFor(async () => (await repo.findById(first.id)) === null)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    // The same step, run by hand in both workers at the same instant.
    const second = await dueAccount(repo, `second-${Date.now()}@example.com`);
    const results = await Promise.all(workers.map((w) => w.runtime.container.resolve(ACCOUNTS).eraseDueAccounts.execute()));
    return { db, repo, published, first, second, results };
  }

  if (skipRedis) return;

  itNeeds(["query operators"], "the job run by two workers at once erases each due account once, leaving an anonymous tombstone", async () => {
    const { db, repo, first, second, results } = await twoWorkers();
    expect(results.map((r) => r.erased).sort()).toEqual([0, 1]);
    for (const user of [first, second]) {
      expect(await repo.findById(user.id)).toBeNull();
      expect(await repo.findByEmail(user.email)).toBeNull();
      const tombstone = await db.collection<{ _id: string; email?: string }>("users").findOne({ _id: user.id });
      expect(Object.keys(tombstone!).sort()).toEqual(["_id", "email", "erasedAt", "outbox"]);
      expect(tombstone!.email).toBe(`erased:${user.id}`);
    }
  });

  // Publishing needs the relay to mark messages sent ($pull); the emulator cannot, so its relay republishes forever.
  itNeeds(["query operators", "$pull"], "each erased account's user:deleted reaches other consumers once", async () => {
    const { published, first, second } = await twoWorkers();
    const eventsFor = (userId: string) => published.filter((m) => (m.data as { userId: string }).userId === userId);
    expect(await waitFor(() => eventsFor(first.id).length > 0 && eventsFor(second.id).length > 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsFor(first.id)).toHaveLength(1);
    expect(eventsFor(second.id)).toHaveLength(1);
  });
});
