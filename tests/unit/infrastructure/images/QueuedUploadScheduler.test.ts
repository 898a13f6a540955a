import { describe, expect, it } from "vitest";
import { ImageStorageFailed } from "../../../../src/application/ports/ImageStorage.js";
import { QueuedUploadScheduler } from "../../../../src/infrastructure/images/QueuedUploadScheduler.js";

const serverError = () => new ImageStorageFailed("General Error", true, 500);
const rateLimited = (retryAfterMs?: number) => new ImageStorageFailed("Rate Limit Exceeded", true, 429, { retryAfterMs });

/** Records, in order, every attempt that starts and every pause and resume the run announces. */
function recorder() {
  const log: string[] = [];
  return { log, events: { paused: (s: number) => void log.push(`paused ${s}s`), resumed: () => void log.push("resumed") } };
}

describe("QueuedUploadScheduler", () => {
  it("a failed attempt gives its slot to the next upload at once; its retry waits outside the pool", async () => {
    const { log, events } = recorder();
    const run = new QueuedUploadScheduler({ retries: 3, minDelayMs: 50, maxDelayMs: 50 }).open(1, events);
    let failedOnce = false;
    const a = run.run(async () => {
      log.push("a");
      if (!failedOnce) {
        failedOnce = true;
        throw serverError();
      }
      return "a";
    });
    const b = run.run(async () => void log.push("b"));
    await Promise.all([a, b]);
    // Holding the slot through the backoff would give a, a, b.
    expect(log).toEqual(["a", "b", "a"]);
    expect(run.report()).toEqual({ retries: { "rate-limit": 0, "server-error": 1, timeout: 0, connection: 0 }, pausedMs: 0, pauses: 0 });
  });

  it("a retry queues ahead of uploads not yet tried", async () => {
    const { log } = recorder();
    const run = new QueuedUploadScheduler({ retries: 3, minDelayMs: 0, maxDelayMs: 0 }).open(1, recorder().events);
    let failedOnce = false;
    const jobs = ["a", "b", "c", "d"].map((name) =>
      run.run(async () => {
        log.push(name);
        if (name === "a" && !failedOnce) {
          failedOnce = true;
          throw serverError();
        }
        await new Promise((r) => setTimeout(r, 5));
      }),
    );
    await Promise.all(jobs);
    expect(log.indexOf("a", 1)).toBeLessThan(log.indexOf("d"));
  });

  it("a rate limit that says how long to wait pauses every new start once, then each waiting image goes without a backoff of its own", async () => {
    const { log, events } = recorder();
    // A backoff of a minute would stall the test: images that were told how long to wait must not take one.
    const run = new QueuedUploadScheduler({ retries: 2, minDelayMs: 60_000, maxDelayMs: 60_000 }).open(3, events);
    const told = new Set<string>();
    const jobs = ["a", "b", "c", "d", "e", "f"].map((name) =>
      run.run(async () => {
        log.push(name);
        await new Promise((r) => setTimeout(r, 5));
        // The first three are in flight together and all hear "wait 150 ms".
        if (["a", "b", "c"].includes(name) && !told.has(name)) {
          told.add(name);
          throw rateLimited(150);
        }
      }),
    );
    await Promise.all(jobs);
    const paused = log.indexOf("paused 1s");
    const resumed = log.indexOf("resumed");
    expect(paused).toBeGreaterThan(-1);
    expect(log.slice(0, paused)).toEqual(["a", "b", "c"]);
    // Nothing starts between the pause and the resume, and there is one resume for the three answers.
    expect(log.slice(paused + 1, resumed).every((entry) => entry.startsWith("paused"))).toBe(true);
    expect(log.filter((e) => e === "resumed")).toHaveLength(1);
    expect(log.slice(resumed + 1).sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    const report = run.report();
    expect(report.pauses).toBe(1);
    expect(report.retries["rate-limit"]).toBe(3);
    expect(report.pausedMs).toBeGreaterThan(0);
  });

  it("a rate limit without a wait backs off that image only: the others keep going", async () => {
    const { log, events } = recorder();
    const run = new QueuedUploadScheduler({ retries: 2, minDelayMs: 30, maxDelayMs: 30 }).open(2, events);
    let limited = false;
    await Promise.all(
      ["a", "b", "c", "d"].map((name) =>
        run.run(async () => {
          log.push(name);
          if (name === "a" && !limited) {
            limited = true;
            throw rateLimited();
          }
        }),
      ),
    );
    expect(log).not.toContain("resumed");
    expect(log.filter((e) => e.startsWith("paused"))).toEqual([]);
    expect(log.slice(0, 4)).toEqual(["a", "b", "c", "d"]);
    expect(log.at(-1)).toBe("a");
    expect(run.report()).toMatchObject({ pauses: 0, retries: { "rate-limit": 1 } });
  });

  it("a failure that cannot succeed is not retried; retries run out with the last error", async () => {
    const run = new QueuedUploadScheduler({ retries: 2, minDelayMs: 0, maxDelayMs: 0 }).open(2, recorder().events);
    let attempts = 0;
    const bad = await run.run(async () => {
      attempts++;
      throw new ImageStorageFailed("Invalid image file", false, 400);
    }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, failureCause: "rejected" });
    expect(attempts).toBe(1);

    attempts = 0;
    const flaky = await run.run(async () => {
      attempts++;
      throw serverError();
    }).catch((e: unknown) => e);
    expect(flaky).toMatchObject({ status: 500 });
    expect(attempts).toBe(3);
    expect(run.report().retries["server-error"]).toBe(2);
  });

  it("a storage that keeps saying wait still ends: its waits are bounded by the retry budget", async () => {
    const run = new QueuedUploadScheduler({ retries: 2, minDelayMs: 0, maxDelayMs: 0 }).open(1, recorder().events);
    let attempts = 0;
    const error = await run.run(async () => {
      attempts++;
      throw rateLimited(1);
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
    expect(attempts).toBeLessThanOrEqual(1 + 2 + 2);
    run.close();
  });
});
