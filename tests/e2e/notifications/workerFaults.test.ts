import { beforeEach, expect, it } from "vitest";
import { streamKeys } from "../../../src/infrastructure/redis/streamKeys.js";
import { allArrived, signUpBurst, spawnWorker, startApi, startInProcessWorker, welcomeCounts } from "../../support/notificationsKit.js";
import { describePipeline } from "../../support/pipelineSuite.js";
import { type SmtpSink, waitFor } from "../../support/smtpSink.js";

await describePipeline("Worker faults against real Redis and a real SMTP server", (pipeline) => {
  let sink: SmtpSink;
  beforeEach(() => {
    sink = pipeline().sink;
  });
  const env = (prefix: string, over: Record<string, string> = {}) => pipeline().env(prefix, over);
  const freshPrefix = (name: string) => pipeline().freshPrefix(name);
  const pendingOf = async (prefix: string) =>
    pipeline().redis.client.xPendingRange(streamKeys(prefix, "user:signup", "notifications").stream, "notifications", "-", "+", 100);

  it("a worker SIGKILLed after sending but before acknowledging, then restarted, sends every welcome email exactly once", async () => {
    const prefix = freshPrefix("crash-restart");
    const api = await startApi(env(prefix));
    try {
      const emails = await signUpBurst(api.url, 10, "crash");
      expect(emails).toHaveLength(10);
      // One message at a time from a batch of 10: when it dies, one is sent-but-unacked and the rest are pending, unsent.
      const workerEnv = env(prefix, { WORKER_NAME: "worker-1", EVENT_CONCURRENCY: "1", EVENT_BATCH_SIZE: "10" });
      const first = spawnWorker({ ...workerEnv, CRASH_AFTER_SENDS: "3" });
      expect(await first.exited).toBe(-1);
      expect(sink.received.filter((m) => emails.includes(m.to))).toHaveLength(3);
      expect((await pendingOf(prefix)).length).toBeGreaterThan(0);

      const restarted = spawnWorker(workerEnv);
      try {
        expect(await waitFor(allArrived(sink, emails), 20_000)).toBe(true);
        expect(await waitFor(async () => (await pendingOf(prefix)).length === 0, 5_000)).toBe(true);
      } finally {
        restarted.child.kill("SIGTERM");
        expect(await restarted.exited).toBe(0);
      }
      expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
    } finally {
      await api.stop();
    }
  });

  it("a worker that dies for good has its pending messages taken over by another worker", async () => {
    const prefix = freshPrefix("takeover");
    const api = await startApi(env(prefix));
    try {
      const emails = await signUpBurst(api.url, 10, "takeover");
      const doomed = spawnWorker({ ...env(prefix, { WORKER_NAME: "doomed", EVENT_CONCURRENCY: "1", EVENT_BATCH_SIZE: "10" }), CRASH_AFTER_SENDS: "1" });
      expect(await doomed.exited).toBe(-1);
      const orphaned = await pendingOf(prefix);
      expect(orphaned.length).toBeGreaterThan(1);
      expect(orphaned.every((p) => p.consumer === "doomed")).toBe(true);

      const heir = await startInProcessWorker(env(prefix, { WORKER_NAME: "heir" }));
      try {
        expect(await waitFor(allArrived(sink, emails), 20_000)).toBe(true);
        expect(await waitFor(async () => (await pendingOf(prefix)).length === 0, 5_000)).toBe(true);
      } finally {
        await heir.stop();
      }
      expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
    } finally {
      await api.stop();
    }
  });

  it("an SMTP server that refuses mail for a while delays the emails but loses and duplicates none", async () => {
    const prefix = freshPrefix("smtp-outage");
    sink.refusing = true;
    const api = await startApi(env(prefix));
    const worker = await startInProcessWorker(env(prefix, { EVENT_MAX_ATTEMPTS: "30" }));
    try {
      const emails = await signUpBurst(api.url, 8, "smtp");
      expect(emails).toHaveLength(8);
      expect(await waitFor(() => sink.refusals >= 16, 10_000)).toBe(true);
      expect(sink.received.filter((m) => emails.includes(m.to))).toHaveLength(0);
      sink.refusing = false;
      expect(await waitFor(allArrived(sink, emails), 20_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 400));
      expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
      expect(await worker.bus.list("user:signup", "notifications")).toEqual([]);
    } finally {
      await worker.stop();
      await api.stop();
    }
  });

  it("poison messages in the middle of a burst are dead-lettered and never hold up the rest", async () => {
    const prefix = freshPrefix("poison");
    const api = await startApi(env(prefix));
    const worker = await startInProcessWorker(env(prefix, { EVENT_MAX_ATTEMPTS: "3" }));
    try {
      const firstHalf = await signUpBurst(api.url, 5, "poison-a");
      await pipeline().redis.client.xAdd(streamKeys(prefix, "user:signup", "").stream, "*", { message: "this is not JSON" });
      await worker.bus.publish("user:signup", { id: "future-1", type: "user:signup", occurredAt: new Date().toISOString(), schemaVersion: 99, data: {} });
      const secondHalf = await signUpBurst(api.url, 5, "poison-b");
      const emails = [...firstHalf, ...secondHalf];
      expect(await waitFor(allArrived(sink, emails), 10_000)).toBe(true);
      expect(await waitFor(async () => (await worker.bus.list("user:signup", "notifications")).length === 2, 10_000)).toBe(true);
      const dead = await worker.bus.list("user:signup", "notifications");
      expect(dead.map((d) => d.reason).sort()).toEqual(["Schema version 99 of user:signup is not supported", "message is not JSON"]);
      expect(dead.every((d) => d.attempts === 3)).toBe(true);
      expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
      expect(await pendingOf(prefix)).toEqual([]);
    } finally {
      await worker.stop();
      await api.stop();
    }
  });

  it("a worker stopped gracefully finishes the email in hand and hands its other messages straight to another worker", async () => {
    const prefix = freshPrefix("graceful");
    // A lease far longer than the test: only an explicit release can let the second worker in this fast.
    const api = await startApi(env(prefix));
    const first = await startInProcessWorker(env(prefix, { WORKER_NAME: "first", EVENT_LEASE_MS: "60000", EVENT_CONCURRENCY: "1", EVENT_BATCH_SIZE: "10" }));
    let emails: string[] = [];
    try {
      sink.delayMs = 300;
      emails = await signUpBurst(api.url, 6, "graceful");
      expect(await waitFor(async () => (await pendingOf(prefix)).length === 6, 5_000)).toBe(true);
      await first.stop();
      const afterStop = sink.received.filter((m) => emails.includes(m.to)).length;
      expect(afterStop).toBeGreaterThanOrEqual(1);
      expect(afterStop).toBeLessThan(6);
    } finally {
      sink.delayMs = 0;
    }
    const second = await startInProcessWorker(env(prefix, { WORKER_NAME: "second", EVENT_LEASE_MS: "60000" }));
    try {
      expect(await waitFor(allArrived(sink, emails), 5_000)).toBe(true);
    } finally {
      await second.stop();
      await api.stop();
    }
    expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
  });

  it("two workers on one stream share the burst and handle every event once", async () => {
    const prefix = freshPrefix("two-workers");
    const api = await startApi(env(prefix));
    const workers = await Promise.all([startInProcessWorker(env(prefix, { WORKER_NAME: "w1" })), startInProcessWorker(env(prefix, { WORKER_NAME: "w2" }))]);
    try {
      const emails = await signUpBurst(api.url, 40, "pair");
      expect(emails).toHaveLength(40);
      expect(await waitFor(allArrived(sink, emails), 15_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      const [s1, s2] = await Promise.all(workers.map((w) => w.bus.stats()));
      expect(s1!.delivered + s2!.delivered).toBe(40);
      expect(s1!.delivered).toBeGreaterThan(0);
      expect(s2!.delivered).toBeGreaterThan(0);
      expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await api.stop();
    }
  });
});
