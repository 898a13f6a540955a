import os from "node:os";
import bcrypt from "bcrypt";
import { bazaarEnv, getJson, PASSWORD, signup, startServer } from "./lib/bazaar.js";
import { fmt, load, median, table, type LoadResult } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";

/**
 * Scenario 2: a login storm that saturates bcrypt, against the machine's hashing limit measured in the same
 * run, while slow steady probes check that GET /healthz (event loop) and a catalog image (event loop and libuv's
 * thread pool, where bcrypt runs) still answer promptly.
 */
const COST = Number(process.env.BCRYPT_COST ?? 12);
const SECONDS = Number(process.env.BENCH_STORM_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_STORM_CONNECTIONS ?? 16);
const PROBE_RATE = 20;

// e.g. "default,1": one storm per PASSWORD_HASH_CONCURRENCY setting, each on its own server, one after the other.
const SETTINGS = (process.env.BENCH_HASH_CONCURRENCY ?? "default").split(",");
console.log(`## Password hashing vs the event loop\n\n${describeMachine()}\n`);
for (const setting of SETTINGS) await storm(setting);

async function storm(setting: string): Promise<void> {
const concurrency: Record<string, string> = setting === "default" ? {} : { PASSWORD_HASH_CONCURRENCY: setting };
const server = await startServer("bazaar", "src/main/api.ts", bazaarEnv({ RATE_LIMITS_ENABLED: "false", BCRYPT_COST: String(COST), ...concurrency }));
try {
  const email = `storm-${Date.now()}@example.com`;
  await signup(server.url, email);

  // One compare per login, like Login does; sequential, so this is the time of one hash on one core.
  const hash = await bcrypt.hash("x".repeat(44), COST);
  await bcrypt.compare("y".repeat(44), hash);
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    await bcrypt.compare("y".repeat(44), hash);
    times.push(performance.now() - started);
  }
  const hashMs = median(times);
  const cores = os.availableParallelism();
  const limit = (cores * 1000) / hashMs;

  // /healthz only needs the event loop; a catalog image also needs libuv's thread pool (fs), where bcrypt runs too.
  const image = await firstImage(server.url);
  const probes = (seconds: number) =>
    Promise.all(
      ["/healthz", ...(image ? [image] : [])].map((path) =>
        load({ url: server.url + path, connections: 1, durationSeconds: seconds, overallRate: PROBE_RATE }),
      ),
    );
  const idle = await probes(5);
  const body = JSON.stringify({ email, password: PASSWORD });
  const load1 = os.loadavg()[0]!;
  const [storm, during] = await Promise.all([
    load(
      { url: `${server.url}/login`, method: "POST", connections: CONNECTIONS, durationSeconds: SECONDS, headers: { "content-type": "application/json" }, body },
      server,
    ),
    probes(SECONDS),
  ]);

  console.log(`#### PASSWORD_HASH_CONCURRENCY=${setting} (load average 1 min before the storm: ${load1.toFixed(2)})\n`);
  console.log(
    `bcrypt cost ${COST}; one compare takes ${fmt(hashMs, 1)} ms on one core (median of 6, this run), so the limit is ${cores} cores × 1/${fmt(hashMs, 1)} ms = ${fmt(limit, 1)} logins/s. ` +
      `Storm: ${CONNECTIONS} connections POST /login for ${SECONDS} s, RATE_LIMITS_ENABLED=false. Probes: GET /healthz and GET ${image ?? "(no image)"} at ${PROBE_RATE} req/s each, on their own connections.\n`,
  );
  console.log(
    table(
      ["logins/s", "limit/s", "logins ÷ limit", "login p50 ms", "login p99 ms", "failures"],
      [[fmt(storm.rps, 1), fmt(limit, 1), fmt(storm.rps / limit, 2), fmt(storm.p50), fmt(storm.p99), storm.failures]],
    ),
  );
  console.log("");
  const row = (what: string, r: LoadResult) => [what, fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.max, 1), r.failures];
  const rows = idle.flatMap((r, i) => [row(`${i ? "image" : "/healthz"}, idle`, r), row(`${i ? "image" : "/healthz"}, during the storm`, during[i]!)]);
  console.log(table(["probe", "p50 ms", "p99 ms", "max ms", "failures"], rows));
  console.log("");
} finally {
  await server.stop();
}
}

async function firstImage(base: string): Promise<string | null> {
  const page = (await getJson(`${base}/products?limit=1`).catch(() => null)) as { items?: { images?: { url: string }[] }[] } | null;
  return page?.items?.[0]?.images?.[0]?.url ?? null;
}
