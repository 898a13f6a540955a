import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegisterUser } from "../../../src/application/users/RegisterUser.js";
import { PASSWORD_MIN_LENGTH } from "../../../src/domain/users/Password.js";
import { InMemoryUserRepository } from "../../../src/infrastructure/memory/InMemoryUserRepository.js";
import { OutboxRelay } from "../../../src/infrastructure/outbox/OutboxRelay.js";
import { BcryptPasswordHasher } from "../../../src/infrastructure/security/BcryptPasswordHasher.js";
import { CommonPasswordDenylist } from "../../../src/infrastructure/security/CommonPasswordDenylist.js";
import { RandomIdGenerator } from "../../../src/infrastructure/system/RandomIdGenerator.js";
import { SystemClock } from "../../../src/infrastructure/system/SystemClock.js";
import { redisBus, silent, uniquePrefix } from "../../support/eventsKit.js";
import { allArrived, eventsEnv, signUpBurst, startApi, startInProcessWorker, welcomeCounts } from "../../support/notificationsKit.js";
import { RedisProcess } from "../../support/redisProcess.js";
import { SmtpSink, waitFor } from "../../support/smtpSink.js";

// Each test gets its own redis-server, so it can be SIGKILLed and restarted without touching anyone else's Redis.
describe("Redis outages (a private redis-server, killed and restarted)", () => {
  let sink: SmtpSink;
  let redis: RedisProcess;
  beforeAll(async () => {
    sink = await new SmtpSink().start();
    redis = await RedisProcess.start();
  });
  afterAll(async () => {
    await sink.stop();
    await redis.stop();
  });

  it("signups during a Redis outage all succeed, and each produces exactly one welcome email once Redis is back", async () => {
    const env = eventsEnv({ REDIS_URL: redis.url, SMTP_URL: sink.url, EVENT_STREAM_PREFIX: uniquePrefix("outage"), EVENT_MAX_ATTEMPTS: "30" });
    const api = await startApi(env);
    const worker = await startInProcessWorker(env);
    try {
      const before = await signUpBurst(api.url, 10, "before");
      expect(before).toHaveLength(10);
      await redis.kill();
      const during = await signUpBurst(api.url, 10, "during");
      // The signup response never depends on the bus: every request was acknowledged while Redis was dead.
      expect(during).toHaveLength(10);
      await new Promise((r) => setTimeout(r, 300));
      await redis.restart();
      const restarted = performance.now();
      const emails = [...before, ...during];
      expect(await waitFor(allArrived(sink, emails), 30_000)).toBe(true);
      console.log(`figures: ${JSON.stringify({ scenario: "redis-outage", signups: emails.length, acknowledgedDuringOutage: during.length, allEmailsMsAfterRedisRestart: Math.round(performance.now() - restarted) })}`);
      await new Promise((r) => setTimeout(r, 500));
      expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
    } finally {
      await worker.stop();
      await api.stop();
    }
  });

  it("events saved while Redis is down survive an API restart and are delivered by the next process", async () => {
    // The user store outlives the API process here, as MongoDB would; the relay and bus are rebuilt.
    const users = new InMemoryUserRepository();
    const prefix = uniquePrefix("restart");
    const relayOptions = { batchSize: 50, pollIntervalMs: 50, retryBaseMs: 20, retryMaxMs: 50 };
    const firstBus = await redisBus(redis.url, prefix, {}, undefined);
    const firstRelay = new OutboxRelay(users, firstBus, relayOptions, silent);
    firstRelay.start();
    const register = new RegisterUser(users, new BcryptPasswordHasher(4), new CommonPasswordDenylist(PASSWORD_MIN_LENGTH), firstRelay, new RandomIdGenerator(), new SystemClock());

    await redis.kill();
    const emails = Array.from({ length: 5 }, (_, i) => `restart-${i}-${Date.now()}@example.com`);
    for (const email of emails) await register.execute({ email, password: "a long enough passphrase", firstName: "R" });
    expect(await users.pending(100)).toHaveLength(5);
    await firstRelay.stop();
    await firstBus.close();

    await redis.restart();
    const env = eventsEnv({ REDIS_URL: redis.url, SMTP_URL: sink.url, EVENT_STREAM_PREFIX: prefix });
    const worker = await startInProcessWorker(env);
    const secondBus = await redisBus(redis.url, prefix);
    const secondRelay = new OutboxRelay(users, secondBus, relayOptions, silent);
    try {
      secondRelay.start();
      expect(await waitFor(allArrived(sink, emails), 15_000)).toBe(true);
      expect(await users.pending(100)).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
    } finally {
      await secondRelay.stop();
      await secondBus.close();
      await worker.stop();
    }
  });
});
