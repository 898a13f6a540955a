import { describe, expect, it } from "vitest";
import { startErasureJob } from "../../../../src/interfaces/worker/erasureJob.js";
import { silent } from "../../../support/eventsKit.js";
import { waitFor } from "../../../support/smtpSink.js";

/** A stand-in for EraseDueAccounts that counts its runs and can be held open or made to fail. */
function step() {
  let release: () => void = () => undefined;
  const s = {
    runs: 0,
    concurrent: 0,
    maxConcurrent: 0,
    fail: false,
    hold: false,
    release: () => release(),
    async execute() {
      s.runs++;
      s.concurrent++;
      s.maxConcurrent = Math.max(s.maxConcurrent, s.concurrent);
      try {
        if (s.hold) await new Promise<void>((r) => (release = r));
        if (s.fail) throw new Error("database away");
        return { erased: 0 };
      } finally {
        s.concurrent--;
      }
    },
  };
  return s;
}

describe("startErasureJob", () => {
  it("runs at start and then at every interval", async () => {
    const s = step();
    const job = startErasureJob({ eraseDueAccounts: s, intervalMs: 10, logger: silent });
    expect(s.runs).toBe(1);
    expect(await waitFor(() => s.runs >= 3, 2_000)).toBe(true);
    await job.stop();
  });

  it("never overlaps two runs in one process, and stop waits for the run in progress", async () => {
    const s = step();
    s.hold = true;
    const job = startErasureJob({ eraseDueAccounts: s, intervalMs: 5, logger: silent });
    await new Promise((r) => setTimeout(r, 50));
    expect(s.runs).toBe(1);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    s.release();
    await stopping;
    expect(s.maxConcurrent).toBe(1);
    const runs = s.runs;
    await new Promise((r) => setTimeout(r, 30));
    expect(s.runs).toBe(runs);
  });

  it("keeps running after a failed run", async () => {
    const s = step();
    s.fail = true;
    const job = startErasureJob({ eraseDueAccounts: s, intervalMs: 10, logger: silent });
    expect(await waitFor(() => s.runs >= 3, 2_000)).toBe(true);
    await job.stop();
  });
});
