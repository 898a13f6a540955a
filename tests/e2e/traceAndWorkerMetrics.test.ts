import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type RunningApi } from "../../src/composition/api.js";
import { loadConfig } from "../../src/infrastructure/config/config.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { freePort } from "../support/freePort.js";
import { eventsEnv } from "../support/notificationsKit.js";
import { sampleValue, scrape } from "../support/prometheusText.js";
import { redisForTests, redisSkipReason, TEST_REDIS_URL } from "../support/redis.js";

const skip = await redisSkipReason();
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

describe.skipIf(skip !== null)(`a signup followed to its email through Redis, and the worker's metrics${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const prefix = `bazaar-test:trace:${process.pid}:${Math.random().toString(36).slice(2)}`;
  const mailDir = mkdtempSync(join(tmpdir(), "bazaar-trace-mail-"));
  const apiLines: string[] = [];
  let workerOut = "";
  let api: RunningApi;
  let worker: ChildProcess;
  let workerMetrics: string;

  beforeAll(async () => {
    const env = eventsEnv({ REDIS_URL: TEST_REDIS_URL, EVENT_STREAM_PREFIX: prefix, MAIL_DIR: mailDir, EVENT_MAX_ATTEMPTS: "1", CATALOG_SEED_ON_START: "false" });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        apiLines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    api = await startApi(loadConfig({ ...env, METRICS_PORT: "0" }), createLogger("info", sink));
    const port = await freePort();
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    // The real entry point, as `npm run worker` starts it.
    worker = spawn(process.execPath, ["--import", "tsx", "src/main/worker.ts"], { env: { ...process.env, ...env, LOG_LEVEL: "info", METRICS_PORT: String(port) } });
    worker.stdout!.on("data", (c: Buffer) => (workerOut += c.toString()));
    worker.stderr!.on("data", (c: Buffer) => (workerOut += c.toString()));
    await waitFor(async () => workerOut.includes("notification worker running"), 30_000);
  });

  afterAll(async () => {
    worker?.kill("SIGTERM");
    await api?.stop();
    const redis = await redisForTests();
    for (const key of await redis.client.keys(`${prefix}:*`)) await redis.client.del(key);
    await redis.close();
  });

  it("carries an incoming traceparent's trace id to the access line, the event, the worker's log line and the email's header", async () => {
    const res = await fetch(`${api.url}/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ email: "traced@example.com", password: "a long enough passphrase", firstName: "Trace" }),
    });
    expect(res.status).toBe(201);
    await waitFor(async () => readdirSync(mailDir).some((f) => f.endsWith(".eml")));
    const [file] = readdirSync(mailDir).filter((f) => f.endsWith(".eml"));
    expect(readFileSync(join(mailDir, file!), "utf8")).toMatch(new RegExp(`^X-Bazaar-Trace-Id: ${TRACE_ID}$`, "im"));

    const access = apiLines.map((l) => JSON.parse(l)).find((l) => l.msg === "request" && l.path === "/signup");
    expect(access.traceId).toBe(TRACE_ID);
    await waitFor(async () => workerOut.includes("notification sent"));
    const sent = workerOut.split("\n").filter((l) => l.includes("notification sent")).map((l) => JSON.parse(l));
    expect(sent).toEqual([expect.objectContaining({ channel: "user:signup", traceId: TRACE_ID })]);
  });

  it("starts a fresh trace when the traceparent header breaks a rule", async () => {
    for (const bad of [`01-${TRACE_ID}-00f067aa0ba902b7-01`, `00-${"0".repeat(32)}-00f067aa0ba902b7-01`, `00-${TRACE_ID.toUpperCase()}-00f067aa0ba902b7-01`]) {
      await fetch(`${api.url}/healthz`, { headers: { traceparent: bad } });
    }
    const lines = apiLines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request" && l.path === "/healthz");
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(l.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(l.traceId).not.toBe(TRACE_ID);
    }
  });

  it("the worker serves its own /metrics: emails by outcome, and per stream and group pending, lag and dead letters", async () => {
    // A message no handler can read: with EVENT_MAX_ATTEMPTS=1 it goes straight to the group's dead-letter stream.
    const redis = await redisForTests();
    await redis.client.xAdd(`${prefix}:stream:user:password-changed`, "*", { message: "not json" });
    await redis.close();
    const dead = { stream: "user:password-changed", group: "notifications" };
    await waitFor(async () => sampleValue((await scrape(workerMetrics)).samples, "bazaar_events_dead_letters", dead) === 1);

    const w = await scrape(workerMetrics);
    expect(w.status).toBe(200);
    for (const family of ["process_resident_memory_bytes", "bazaar_events_pending", "bazaar_events_lag", "bazaar_events_dead_letters", "bazaar_emails_total"]) expect(w.families.has(family), family).toBe(true);
    expect(sampleValue(w.samples, "bazaar_emails_total", { event: "user:signup", outcome: "sent" })).toBe(1);
    expect(sampleValue(w.samples, "bazaar_events_pending", { stream: "user:signup", group: "notifications" })).toBe(0);
    expect(sampleValue(w.samples, "bazaar_events_lag", { stream: "user:signup", group: "notifications" })).toBe(0);
    expect(sampleValue(w.samples, "bazaar_events_dead_letters", { stream: "user:signup", group: "notifications" })).toBe(0);
    // The worker has no HTTP API: no request families.
    expect(w.families.has("bazaar_http_request_duration_seconds")).toBe(false);

    // The API relayed the event; it consumes nothing itself here, so it has no per-group series.
    const a = await scrape(api.metricsUrl!);
    expect(sampleValue(a.samples, "bazaar_outbox_backlog")).toBe(0);
    expect(sampleValue(a.samples, "bazaar_outbox_published_total")).toBe(1);
    expect(a.samples.filter((s) => s.name === "bazaar_events_pending")).toEqual([]);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
