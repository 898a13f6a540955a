import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { bazaarEnv, PASSWORD, startServer, type Server } from "./lib/bazaar.js";
import { fmt, table } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";
import { startNode, type Child } from "./lib/processes.js";
import { REDIS_URL, redisReachable } from "./lib/redis.js";
import { ArrivalSink } from "./lib/smtpSink.js";

/**
 * Scenario 3: a burst of N signups through the API, their events through a Redis stream, welcome emails
 * out of `npm run worker` to an SMTP server on loopback. Once with one worker, once with two sharing the
 * consumer group. bcrypt runs at cost 4 here (NODE_ENV=test): the pipeline is under test, not hashing.
 */
const N = Number(process.env.BENCH_EVENTS ?? 1000);
const SIGNUP_CONCURRENCY = 32;
const TIMEOUT_MS = 120_000;

if (!(await redisReachable())) {
  console.log(`## Event pipeline\n\nSkipped: no Redis at ${REDIS_URL} (set BENCH_REDIS_URL).\n`);
  process.exit(0);
}
const sink = new ArrivalSink();
const smtpUrl = await sink.start();
// A fresh prefix per run (streams and send ledger live under it), so nothing mixes with other runs or tests
// sharing this Redis; everything under it is deleted at the end.
const prefix = `bench:${randomBytes(4).toString("hex")}:events`;
const env = bazaarEnv({
  NODE_ENV: "test",
  BCRYPT_COST: "4",
  RATE_LIMITS_ENABLED: "false",
  REDIS_URL,
  SMTP_URL: smtpUrl,
  NOTIFICATIONS_IN_PROCESS: "false",
  EVENT_STREAM_PREFIX: prefix,
  MAIL_DIR: "var/bench/mail",
  // e.g. BENCH_EXTRA_ENV='{"EVENT_CONCURRENCY":"32"}' to try worker settings
  ...JSON.parse(process.env.BENCH_EXTRA_ENV ?? "{}"),
});
const workers: Child[] = [];
let api: Server | undefined;
const rows: (string | number)[][] = [];
try {
  api = await startServer("bazaar-api", "src/main/api.ts", env);
  for (const count of [1, 2]) {
    while (workers.length < count) workers.push(startNode(`worker-${workers.length + 1}`, "src/main/worker.ts", { ...env, WORKER_NAME: `bench-${workers.length + 1}` }));
    await warmUp(api.url);
    rows.push(await burst(api.url, count));
  }
  console.log(`## Event pipeline\n\n${describeMachine()}\n`);
  console.log(`${N} signups sent ${SIGNUP_CONCURRENCY} at a time; latency is signup request sent → welcome email fully received by the SMTP server.\n`);
  console.log(table(["workers", "signups/s (API)", "emails/s (drain)", "latency p50 ms", "p99 ms", "max ms", "worker CPU ms/email", "emails missing"], rows));
  console.log("");
} finally {
  await Promise.all([...workers.map((w) => w.stop()), api?.stop()]);
  await sink.stop();
  await forget(prefix);
}

async function forget(keyPrefix: string): Promise<void> {
  const client = await createClient({ url: REDIS_URL }).connect();
  for await (const keys of client.scanIterator({ MATCH: `${keyPrefix}:*`, COUNT: 1000 })) if (keys.length) await client.del(keys);
  await client.close();
}

/** One email through the whole path first, so worker start-up (tsx compile, Redis connect) is not measured. */
async function warmUp(base: string): Promise<void> {
  const email = `warm-${randomBytes(6).toString("hex")}@example.com`;
  await signupAt(base, email);
  await until(() => sink.arrivals.has(email));
}

async function burst(base: string, workerCount: number): Promise<(string | number)[]> {
  const tag = randomBytes(4).toString("hex");
  const cpuBefore = workers.reduce((n, w) => n + w.cpuSeconds(), 0);
  const sent = new Map<string, number>();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: SIGNUP_CONCURRENCY }, async () => {
      while (next < N) {
        const email = `burst-${tag}-${next++}@example.com`;
        sent.set(email, performance.now());
        await signupAt(base, email);
      }
    }),
  );
  const signupsDone = performance.now();
  await until(() => [...sent.keys()].every((e) => sink.arrivals.has(e)));
  const latencies = [...sent].filter(([e]) => sink.arrivals.has(e)).map(([e, t]) => sink.arrivals.get(e)! - t).sort((a, b) => a - b);
  const workerCpuMs = ((workers.reduce((n, w) => n + w.cpuSeconds(), 0) - cpuBefore) * 1000) / N;
  const lastArrival = Math.max(...[...sent.keys()].map((e) => sink.arrivals.get(e) ?? 0));
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return [
    workerCount,
    fmt(N / ((signupsDone - started) / 1000)),
    fmt(latencies.length / ((lastArrival - started) / 1000)),
    fmt(pct(0.5)),
    fmt(pct(0.99)),
    fmt(latencies.at(-1) ?? NaN),
    fmt(workerCpuMs, 2),
    N - latencies.length,
  ];
}

async function signupAt(base: string, email: string): Promise<void> {
  const res = await fetch(`${base}/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, firstName: "Ada" }),
  });
  if (res.status !== 201) throw new Error(`signup → ${res.status} ${await res.text()}`);
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
