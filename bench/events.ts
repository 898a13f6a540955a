import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createClient } from "redis";
import { bazaarEnv, PASSWORD, startServer, type Server } from "./lib/bazaar.js";
import { summarizeProfile } from "./lib/cpuProfile.js";
import { fmt, table } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";
import { startNode, type Child } from "./lib/processes.js";
import { REDIS_URL, redisReachable, startPrivateRedis } from "./lib/redis.js";
import { ArrivalSink } from "./lib/smtpSink.js";

/**
 * Scenario 3: a burst of N signups through the API, their events through a Redis stream, welcome emails
 * out of `npm run worker` to an SMTP server on loopback, with one worker and with two sharing the consumer group.
 * bcrypt runs at cost 4 here (NODE_ENV=test): the pipeline is under test, not hashing.
 *
 * Two ways to run each burst:
 * - "live": workers drain while the API takes the signups (what a user sees: signup → email latency);
 * - "backlog": workers are paused (SIGSTOP) while the API takes the signups and the events pile up in the stream,
 *   then resumed: the drain rate and CPU per email of the workers alone, not capped by the API's signup rate.
 *
 * Knobs: BENCH_EVENTS (burst size), BENCH_EVENTS_WORKERS ("1,2"), BENCH_EVENTS_MODES ("live,backlog"),
 * BENCH_EVENTS_REPEAT (rounds; medians are reported), BENCH_EVENTS_BASELINE (an earlier checkout whose worker runs
 * side by side with this one, against the same API), BENCH_EVENTS_PROFILE=1 (workers under `node --cpu-prof`; prints
 * where each build's worker CPU went during its bursts).
 */
const N = Number(process.env.BENCH_EVENTS ?? 1000);
const WORKER_COUNTS = (process.env.BENCH_EVENTS_WORKERS ?? "1,2").split(",").map(Number);
const MODES = (process.env.BENCH_EVENTS_MODES ?? "live,backlog").split(",") as Mode[];
const REPEAT = Number(process.env.BENCH_EVENTS_REPEAT ?? 1);
const BASELINE = process.env.BENCH_EVENTS_BASELINE;
const PROFILE = process.env.BENCH_EVENTS_PROFILE === "1";
const PROFILE_DIR = "var/profiles/events";
const SIGNUP_CONCURRENCY = 32;
const TIMEOUT_MS = 120_000;

type Mode = "live" | "backlog";
interface Build {
  name: string;
  dir: string;
}
interface Result {
  build: string;
  mode: Mode;
  workers: number;
  signupsPerSecond: number;
  emailsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  cpuMsPerEmail: number;
  /** Redis commands (all clients) per email while the workers drained: in backlog mode, the workers' own. */
  redisCallsPerEmail: number;
  /** CPU of this bench process (the SMTP sink, and the signup client in live mode) and of Redis, per email. */
  benchCpuMsPerEmail: number;
  redisCpuMsPerEmail: number;
  apiCpuMsPerEmail: number;
  missing: number;
  load1: number;
}

// A private redis-server by default: the shared one on 6379 also serves other people's test suites, whose commands
// would mix into the "Redis commands per email" column. Configured like the shared one (no persistence).
// BENCH_REDIS_URL picks a Redis instead.
const privateRedis = process.env.BENCH_REDIS_URL === undefined ? await startPrivateRedis() : null;
const redisUrl = privateRedis?.url ?? REDIS_URL;
if (!(await redisReachable(redisUrl))) {
  console.log(`## Event pipeline\n\nSkipped: no Redis at ${redisUrl} (set BENCH_REDIS_URL).\n`);
  process.exit(0);
}
const builds: Build[] = BASELINE ? [{ name: "before", dir: BASELINE }, { name: "after", dir: "." }] : [{ name: "this tree", dir: "." }];
const sink = new ArrivalSink();
const smtpUrl = await sink.start();
// A fresh prefix per run (streams and send ledger live under it), so nothing mixes with other runs or tests
// sharing this Redis; everything under it is deleted at the end.
const prefix = `bench:${randomBytes(4).toString("hex")}:events`;
const env = bazaarEnv({
  NODE_ENV: "test",
  BCRYPT_COST: "4",
  RATE_LIMITS_ENABLED: "false",
  REDIS_URL: redisUrl,
  SMTP_URL: smtpUrl,
  NOTIFICATIONS_IN_PROCESS: "false",
  EVENT_STREAM_PREFIX: prefix,
  MAIL_DIR: "var/bench/mail",
  // e.g. BENCH_EXTRA_ENV='{"EVENT_CONCURRENCY":"32"}' to try worker settings
  ...JSON.parse(process.env.BENCH_EXTRA_ENV ?? "{}"),
});
const stats = await createClient({ url: redisUrl }).connect();
if (PROFILE) rmSync(PROFILE_DIR, { recursive: true, force: true });
let api: Server | undefined;
let workers: Child[] = [];
const results: Result[] = [];
const profiles: string[] = [];
try {
  api = await startServer("bazaar-api", "src/main/api.ts", env);
  for (let round = 0; round < REPEAT; round++)
    for (const mode of MODES)
      for (const count of WORKER_COUNTS)
        for (const build of round % 2 ? [...builds].reverse() : builds) {
          const profileDir = `${PROFILE_DIR}/${build.name.replace(/\W/gu, "-")}-${mode}-${count}w-${round}`;
          workers = Array.from({ length: count }, (_, i) =>
            startNode(`worker-${i + 1}`, join(build.dir, "src/main/worker.ts"), { ...env, WORKER_NAME: `bench-${i + 1}` }, PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
          );
          await warmUp(api.url);
          const result = await burst(api.url, build.name, mode);
          const measuredEnd = performance.now();
          await Promise.all(workers.map((w) => w.stop()));
          const stoppedAt = performance.now();
          workers = [];
          results.push(result);
          if (PROFILE && round === 0) {
            const file = readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
            const window = { endBeforeExitMicros: (stoppedAt - measuredEnd) * 1000, lengthMicros: result.measuredMs * 1000 };
            if (file) profiles.push(`#### Worker profile: ${build.name}, ${mode}, ${count} worker(s), first worker's file\n\n${summarizeProfile(join(profileDir, file), window, result.cpuMsPerEmail * 1000 * count, "email", { modules: 15, self: 20, inclusive: 30 })}\n`);
          }
        }
  console.log(`## Event pipeline\n\n${describeMachine()}\n`);
  console.log(`${N} signups sent ${SIGNUP_CONCURRENCY} at a time, ${REPEAT} round(s), medians; latency is signup request sent → welcome email fully received by the SMTP server (live) or workers resumed → received (backlog).\n`);
  console.log(report());
  console.log(profiles.join("\n"));
} finally {
  await Promise.all([...workers.map((w) => w.stop()), api?.stop()]);
  await sink.stop();
  await forget(prefix);
  await stats.close();
  await privateRedis?.stop();
}

function report(): string {
  const groups = new Map<string, Result[]>();
  for (const r of results) groups.set(`${r.mode}\u0000${r.workers}\u0000${r.build}`, [...(groups.get(`${r.mode}\u0000${r.workers}\u0000${r.build}`) ?? []), r]);
  const med = (rs: Result[], k: keyof Result) => median(rs.map((r) => r[k] as number));
  const rows = [...groups.values()].map((rs) => {
    const r = rs[0]!;
    return [r.mode, r.build, r.workers, fmt(med(rs, "signupsPerSecond")), fmt(med(rs, "emailsPerSecond")), fmt(med(rs, "p50")), fmt(med(rs, "p99")), fmt(med(rs, "max")), fmt(med(rs, "cpuMsPerEmail"), 2), fmt(med(rs, "redisCallsPerEmail"), 1), fmt(med(rs, "benchCpuMsPerEmail"), 2), fmt(med(rs, "redisCpuMsPerEmail"), 2), fmt(med(rs, "apiCpuMsPerEmail"), 2), rs.map((x) => x.missing).reduce((a, b) => a + b), rs.map((x) => fmt(x.emailsPerSecond)).join(" / "), rs.map((x) => fmt(x.load1, 2)).join(" / ")];
  });
  const out = [table(["mode", "build", "workers", "signups/s (API)", "emails/s (drain)", "latency p50 ms", "p99 ms", "max ms", "worker CPU ms/email", "Redis commands/email", "sink (+ client) CPU ms/email", "Redis CPU ms/email", "API CPU ms/email", "emails missing", "emails/s per round", "load avg 1 min per round"], rows)];
  const ratios: (string | number)[][] = [];
  for (const mode of MODES)
    for (const b of builds) {
      const one = groups.get(`${mode}\u00001\u0000${b.name}`);
      const two = groups.get(`${mode}\u00002\u0000${b.name}`);
      if (one && two) ratios.push([mode, b.name, "emails/s, 2 workers ÷ 1", fmt(med(two, "emailsPerSecond") / med(one, "emailsPerSecond"), 2)]);
    }
  if (builds.length === 2)
    for (const mode of MODES)
      for (const count of WORKER_COUNTS) {
        const before = groups.get(`${mode}\u0000${count}\u0000before`);
        const after = groups.get(`${mode}\u0000${count}\u0000after`);
        if (before && after) ratios.push([mode, `${count} worker(s)`, "worker CPU per email, after ÷ before", fmt(med(after, "cpuMsPerEmail") / med(before, "cpuMsPerEmail"), 2)]);
      }
  if (ratios.length) out.push(table(["mode", "of", "ratio", "value"], ratios));
  return out.join("\n\n") + "\n";
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function forget(keyPrefix: string): Promise<void> {
  const client = await createClient({ url: redisUrl }).connect();
  for await (const keys of client.scanIterator({ MATCH: `${keyPrefix}:*`, COUNT: 1000 })) if (keys.length) await client.del(keys);
  await client.close();
}

/** 64 emails through the whole path first, so worker start-up (tsx compile, Redis connect, JIT) is not measured. */
async function warmUp(base: string): Promise<void> {
  const emails = Array.from({ length: 64 }, () => `warm-${randomBytes(6).toString("hex")}@example.com`);
  for (let i = 0; i < emails.length; i += 8) await Promise.all(emails.slice(i, i + 8).map((e) => signupAt(base, e)));
  await until(() => emails.every((e) => sink.arrivals.has(e)));
}

async function burst(base: string, build: string, mode: Mode): Promise<Result & { measuredMs: number }> {
  const tag = randomBytes(4).toString("hex");
  const load1 = loadavg()[0]!;
  if (mode === "backlog") workers.forEach((w) => w.signal("SIGSTOP"));
  let cpuBefore = workers.reduce((n, w) => n + w.cpuSeconds(), 0);
  let callsBefore = await redisCalls();
  let benchBefore = process.cpuUsage();
  let redisCpuBefore = await redisCpuSeconds();
  let apiBefore = api!.cpuSeconds();
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
  if (mode === "backlog") {
    // Let the API's outbox relay publish the last events, so the workers start on the whole backlog.
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const drainStarted = mode === "backlog" ? performance.now() : started;
  if (mode === "backlog") {
    // Measured from here: the API's commands while taking the signups are not the workers'.
    cpuBefore = workers.reduce((n, w) => n + w.cpuSeconds(), 0);
    callsBefore = await redisCalls();
    benchBefore = process.cpuUsage();
    redisCpuBefore = await redisCpuSeconds();
    apiBefore = api!.cpuSeconds();
    workers.forEach((w) => w.signal("SIGCONT"));
    for (const e of sent.keys()) sent.set(e, drainStarted);
  }
  await until(() => [...sent.keys()].every((e) => sink.arrivals.has(e)));
  const latencies = [...sent].filter(([e]) => sink.arrivals.has(e)).map(([e, t]) => sink.arrivals.get(e)! - t).sort((a, b) => a - b);
  const workerCpuMs = ((workers.reduce((n, w) => n + w.cpuSeconds(), 0) - cpuBefore) * 1000) / N;
  const calls = (await redisCalls()) - callsBefore;
  const bench = process.cpuUsage(benchBefore);
  const redisCpu = (await redisCpuSeconds()) - redisCpuBefore;
  const lastArrival = Math.max(...[...sent.keys()].map((e) => sink.arrivals.get(e) ?? 0));
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    build,
    mode,
    workers: workers.length,
    signupsPerSecond: N / ((signupsDone - started) / 1000),
    emailsPerSecond: latencies.length / ((lastArrival - drainStarted) / 1000),
    p50: pct(0.5),
    p99: pct(0.99),
    max: latencies.at(-1) ?? NaN,
    cpuMsPerEmail: workerCpuMs,
    redisCallsPerEmail: calls / N,
    benchCpuMsPerEmail: (bench.user + bench.system) / 1000 / N,
    redisCpuMsPerEmail: (redisCpu * 1000) / N,
    apiCpuMsPerEmail: ((api!.cpuSeconds() - apiBefore) * 1000) / N,
    missing: N - latencies.length,
    load1,
    measuredMs: lastArrival - drainStarted,
  };
}

/** Commands Redis has executed so far, all clients (INFO commandstats). */
async function redisCalls(): Promise<number> {
  const info = await stats.info("commandstats");
  let total = 0;
  for (const m of info.matchAll(/calls=(\d+)/gu)) total += Number(m[1]);
  return total;
}

async function redisCpuSeconds(): Promise<number> {
  const info = await stats.info("cpu");
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`, "u").exec(info)?.[1] ?? NaN);
  return field("used_cpu_user") + field("used_cpu_sys");
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
