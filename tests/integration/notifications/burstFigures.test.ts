import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisClient } from "../../../src/infrastructure/redis/connectRedis.js";
import { deleteKeys, uniquePrefix } from "../../support/eventsKit.js";
import { allArrived, eventsEnv, signUpBurst, startApi, startInProcessWorker, welcomeCounts } from "../../support/notificationsKit.js";
import { redisForTests, redisSkipReason, TEST_REDIS_URL, type TestRedis } from "../../support/redis.js";
import { SmtpSink, waitFor } from "../../support/smtpSink.js";

// Kept small in the suite; BURST_SIGNUPS=300 npx vitest run tests/integration/notifications/burstFigures.test.ts for figures.
const N = Number(process.env.BURST_SIGNUPS ?? 100);
const skip = await redisSkipReason();

/** Not a benchmark: a bound that fails if draining regresses badly, and the figures the README reports. */
describe.skipIf(skip !== null)(skip ? `Burst figures (skipped: ${skip})` : "Burst figures", () => {
  let sink: SmtpSink;
  let redis: TestRedis;
  const prefixes: string[] = [];
  beforeAll(async () => {
    sink = await new SmtpSink().start();
    redis = await redisForTests();
  });
  afterAll(async () => {
    for (const p of prefixes) await deleteKeys(redis.client as RedisClient, p);
    await sink.stop();
    await redis.close();
  });

  it.each([1, 2])(`drains a burst of ${N} HTTP signups through Redis and SMTP with %i worker(s): every email once`, async (workerCount) => {
    const prefix = uniquePrefix(`burst-${workerCount}`);
    prefixes.push(prefix);
    const env = eventsEnv({ REDIS_URL: TEST_REDIS_URL, SMTP_URL: sink.url, EVENT_STREAM_PREFIX: prefix });
    const api = await startApi(env);
    const workers = await Promise.all(Array.from({ length: workerCount }, (_, i) => startInProcessWorker({ ...env, WORKER_NAME: `w${i}` })));
    try {
      const started = performance.now();
      const emails = await signUpBurst(api.url, N, `burst${workerCount}`);
      const acknowledged = performance.now();
      expect(emails).toHaveLength(N);
      expect(await waitFor(allArrived(sink, emails), 30_000, 10)).toBe(true);
      const drained = performance.now();
      await new Promise((r) => setTimeout(r, 300));
      const counts = welcomeCounts(sink, emails);
      const stats = await Promise.all(workers.map((w) => w.bus.stats()));
      const figures = {
        workers: workerCount,
        signups: N,
        emailsDelivered: emails.length - counts.missing.length,
        duplicates: counts.duplicated.length,
        perWorker: stats.map((s) => s.delivered),
        signupBurstMs: Math.round(acknowledged - started),
        drainAfterLastSignupMs: Math.round(drained - acknowledged),
        totalMs: Math.round(drained - started),
      };
      console.log(`figures: ${JSON.stringify(figures)}`);
      expect(counts).toEqual({ missing: [], duplicated: [] });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await api.stop();
    }
  });
});
