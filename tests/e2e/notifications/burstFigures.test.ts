import { expect, it } from "vitest";
import { allArrived, signUpBurst, startApi, startInProcessWorker, welcomeCounts } from "../../support/notificationsKit.js";
import { describePipeline } from "../../support/pipelineSuite.js";
import { waitFor } from "../../support/smtpSink.js";

// Kept small in the suite; BURST_SIGNUPS=300 npx vitest run tests/e2e/notifications/burstFigures.test.ts for figures.
const N = Number(process.env.BURST_SIGNUPS ?? 100);

/** Not a benchmark: a bound that fails if draining regresses badly, and the figures the README reports. */
await describePipeline("Burst figures", (pipeline) => {
  it.each([1, 2])(`drains a burst of ${N} HTTP signups through Redis and SMTP with %i worker(s): every email once`, async (workerCount) => {
    const { sink, freshPrefix, env: pipelineEnv } = pipeline();
    const env = pipelineEnv(freshPrefix(`burst-${workerCount}`));
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
