import { resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { bazaarEnv, getJson, login, signup, startServer, type Server } from "./lib/bazaar.js";
import { fixtureFrom, PAGE } from "./lib/fixture.js";
import { alternate, fmt, load, median, table, type LoadResult } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";
import { REDIS_URL, redisReachable } from "./lib/redis.js";
import type { Fixture } from "./servers/fixture.js";

/**
 * Scenario 1: the same reads through Bazaar's full stack (in-memory, and with Redis), a bare node:http server
 * (the ceiling), Koa with only a router (the framework floor) and Express as the original notes wrote it (what
 * users would pick). Rounds alternate the servers so that background load hits all of them alike; medians.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WITH_REDIS = process.env.BENCH_REDIS !== "0" && (await redisReachable());
// BENCH_METRICS_ONLY=1: only Bazaar with and without Prometheus metrics, on GET /profile/view (about 2 minutes).
const METRICS_ONLY = process.env.BENCH_METRICS_ONLY === "1";
const WITH_METRICS = "Bazaar (in-memory, metrics on)";
// BENCH_BASELINE_DIR=<another checkout, with node_modules>: its Bazaar runs beside this one (in-memory, and with Redis
// when reachable), alternated in the same rounds, so a change is measured before/after under the same background load.
// BENCH_SESSIONS_ONLY=1: only the Bazaar variants (and the baseline's) on GET /profile/view, the session check's cost.
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR;
const SESSIONS_ONLY = process.env.BENCH_SESSIONS_ONLY === "1";
const REDIS_LABEL = "Bazaar (Redis sessions)";
const BASELINE = "baseline (in-memory)";
const BASELINE_REDIS = "baseline (Redis)";
/** A baseline checkout may predate fields the public user gained since (issue 11's proof of address); the rest must match. */
const ADDED_SINCE_BASELINE = ["emailVerified", "emailVerifiedAt", "pendingEmail"];

interface Target {
  label: string;
  server: Server;
  cookie: string;
}

const env = bazaarEnv();
const servers: Server[] = [];
try {
  const bazaar = await startServer("bazaar", "src/main/api.ts", env);
  servers.push(bazaar);
  const { fixture, cookie, email } = await fixtureFrom(bazaar, env.JWT_SECRET!);
  const { productPage } = fixture;
  const fixtureEnv = { BENCH_FIXTURE: JSON.stringify(fixture) };
  const bare = await startServer("bare", "bench/servers/bare.ts", fixtureEnv);
  const koa = await startServer("koa-minimal", "bench/servers/koa-minimal.ts", fixtureEnv);
  const express = await startServer("express", "bench/servers/express.ts", fixtureEnv);
  servers.push(bare, koa, express);

  // The same process with METRICS_PORT set: the request histogram and in-flight gauge on every request.
  const metered = await startServer("bazaar-metrics", "src/main/api.ts", { ...env, METRICS_PORT: "0" });
  servers.push(metered);
  await signup(metered.url, email);
  const meteredTarget = { label: WITH_METRICS, server: metered, cookie: await login(metered.url, email) };
  const targets: Target[] = METRICS_ONLY
    ? [{ label: "Bazaar (in-memory)", server: bazaar, cookie }, meteredTarget]
    : SESSIONS_ONLY
      ? [{ label: "Bazaar (in-memory)", server: bazaar, cookie }]
      : [
        { label: "Bazaar (in-memory)", server: bazaar, cookie },
        meteredTarget,
        { label: "bare node:http", server: bare, cookie },
        { label: "Koa + router only", server: koa, cookie },
        { label: "Express + jsonwebtoken(string)", server: express, cookie },
      ];
  if (WITH_REDIS && !METRICS_ONLY) {
    const redisBazaar = await startServer("bazaar-redis", "src/main/api.ts", { ...env, REDIS_URL });
    servers.push(redisBazaar);
    await signup(redisBazaar.url, email);
    targets.splice(1, 0, { label: REDIS_LABEL, server: redisBazaar, cookie: await login(redisBazaar.url, email) });
  }
  if (BASELINE_DIR && !METRICS_ONLY) {
    const script = resolve(BASELINE_DIR, "src/main/api.ts");
    const variants: Array<[string, Record<string, string>]> = [[BASELINE, env], ...(WITH_REDIS ? [[BASELINE_REDIS, { ...env, REDIS_URL }] as [string, Record<string, string>]] : [])];
    for (const [label, variantEnv] of variants) {
      const server = await startServer(label, script, variantEnv);
      servers.push(server);
      await signup(server.url, email);
      targets.push({ label, server, cookie: await login(server.url, email) });
    }
  }

  const endpoints = ["/profile/view", ...(productPage && !METRICS_ONLY && !SESSIONS_ONLY ? [PAGE] : [])];
  for (const t of targets) await assertSameAnswer(t, endpoints, fixture);

  console.log(`## HTTP overhead\n\n${describeMachine()}\n`);
  console.log(`${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s per server and endpoint, servers alternated; medians.\n`);
  for (const path of endpoints) await compare(path, targets);
  if (!WITH_REDIS) console.log(`No Redis at ${REDIS_URL} (or BENCH_REDIS=0): Redis variant skipped.\n`);
  if (!productPage) console.log("GET /products is not served by this build: catalog comparison skipped.\n");
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}

/** A comparison is only fair if every server returns the same body for the same request. */
async function assertSameAnswer(t: Target, endpoints: string[], f: Fixture): Promise<void> {
  for (const path of endpoints) {
    const body = await getJson(t.server.url + path, { cookie: t.cookie });
    // The Redis-backed Bazaar holds its own copy of the user, so ids and timestamps differ; the shape may not.
    const sameUser = (u: unknown) => ({ ...(u as object), id: "", createdAt: "", updatedAt: "" });
    const expected = path.startsWith("/profile") ? withoutNewerFields(t, sameUser(f.user)) : f.productPage;
    const comparable = path.startsWith("/profile") ? sameUser(body) : body;
    if (!isDeepStrictEqual(comparable, expected)) throw new Error(`${t.label} answers ${path} differently: ${JSON.stringify(body)}`);
  }
}

function withoutNewerFields(t: Target, user: object): object {
  if (!t.label.startsWith("baseline")) return user;
  return Object.fromEntries(Object.entries(user).filter(([key]) => !ADDED_SINCE_BASELINE.includes(key)));
}

async function compare(path: string, targets: Target[]): Promise<void> {
  const runs = await alternate(targets, ROUNDS, (t, warmUp) =>
    load({ url: t.server.url + path, connections: CONNECTIONS, durationSeconds: warmUp ? 3 : SECONDS, headers: { cookie: t.cookie } }, t.server),
  );
  const results = new Map(targets.map((t, i) => [t.label, runs[i]!]));
  const m = (label: string, key: keyof LoadResult) => median(results.get(label)!.map((r) => r[key]));
  const bazaar = "Bazaar (in-memory)";
  const rows = targets.map((t) => [
    t.label,
    fmt(m(t.label, "rps")),
    fmt(m(t.label, "p50"), 1),
    fmt(m(t.label, "p99"), 1),
    fmt(m(t.label, "cpuMicrosPerRequest"), 1),
    fmt(m(t.label, "kernelMicrosPerRequest"), 1),
    fmt(m(t.label, "serverCoreUse"), 2),
    fmt(m(bazaar, "rps") / m(t.label, "rps"), 2),
    fmt(m(t.label, "cpuMicrosPerRequest") / m(bazaar, "cpuMicrosPerRequest"), 2),
    String(results.get(t.label)!.reduce((n, r) => n + r.failures, 0)),
  ]);
  console.log(`### GET ${path}\n`);
  const bareCores = results.has("bare node:http") ? m("bare node:http", "serverCoreUse") : 1;
  if (bareCores < 0.9)
    console.log(`The bare server used ${fmt(bareCores, 2)} of a core: the load generator, not the server, limited its req/s, so the CPU-cost ratio is the fairer one.\n`);
  console.log(
    table(["server", "req/s", "p50 ms", "p99 ms", "server CPU µs/req", "of which kernel", "cores used", "Bazaar req/s ÷ this", "this CPU ÷ Bazaar CPU", "failures"], rows),
  );
  console.log("");
  // Efficiency by CPU is the inverse ratio of cost per request.
  const ratio = (a: string, b: string) => [fmt(m(a, "rps") / m(b, "rps"), 2), fmt(m(b, "cpuMicrosPerRequest") / m(a, "cpuMicrosPerRequest"), 2)];
  const express = "Express + jsonwebtoken(string)";
  const baselineRows = [
    ...(results.has(BASELINE) ? [["Bazaar (in-memory) ÷ baseline (in-memory)", ...ratio(bazaar, BASELINE)]] : []),
    ...(results.has(BASELINE_REDIS) && results.has(REDIS_LABEL) ? [[`${REDIS_LABEL} ÷ baseline (Redis) (target ≥ 0.90)`, ...ratio(REDIS_LABEL, BASELINE_REDIS)]] : []),
  ];
  if (SESSIONS_ONLY) {
    if (baselineRows.length) console.log(table([`GET ${path}`, "by req/s", "by CPU per request"], baselineRows));
    console.log("");
    return;
  }
  const metricsRow = ["Bazaar with metrics ÷ without (target ≥ 0.95)", ...ratio(WITH_METRICS, bazaar)];
  if (METRICS_ONLY) {
    console.log(table([`GET ${path}`, "by req/s", "by CPU per request"], [metricsRow]));
    console.log("");
    return;
  }
  console.log(
    table(
      [`GET ${path}`, "by req/s", "by CPU per request"],
      [
        metricsRow,
        ["Bazaar ÷ bare node:http (target ≥ 0.8)", ...ratio(bazaar, "bare node:http")],
        ["Koa + router only ÷ bare node:http (the framework floor)", ...ratio("Koa + router only", "bare node:http")],
        ["Bazaar ÷ Express (target: clearly above 1)", ...ratio(bazaar, express)],
        ...baselineRows,
      ],
    ),
  );
  console.log("");
}
