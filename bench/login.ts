import os from "node:os";
import bcrypt from "bcrypt";
import { bazaarEnv, PASSWORD, signup, startServer } from "./lib/bazaar.js";
import { fmt, load, median, table } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";

/**
 * Scenario 2: a login storm that saturates bcrypt, against the machine's hashing limit measured in the same
 * run, while a slow steady probe checks that GET /healthz still answers promptly (hashing is off the event loop).
 */
const COST = Number(process.env.BCRYPT_COST ?? 12);
const SECONDS = Number(process.env.BENCH_STORM_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_STORM_CONNECTIONS ?? 16);
const PROBE_RATE = 20;

const server = await startServer("bazaar", "src/main.ts", bazaarEnv({ RATE_LIMITS_ENABLED: "false", BCRYPT_COST: String(COST) }));
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

  const probe = (seconds: number) => load({ url: `${server.url}/healthz`, connections: 1, durationSeconds: seconds, overallRate: PROBE_RATE });
  const idle = await probe(5);
  const body = JSON.stringify({ email, password: PASSWORD });
  const [storm, during] = await Promise.all([
    load(
      { url: `${server.url}/login`, method: "POST", connections: CONNECTIONS, durationSeconds: SECONDS, headers: { "content-type": "application/json" }, body },
      server,
    ),
    probe(SECONDS),
  ]);

  console.log(`## Password hashing vs the event loop\n\n${describeMachine()}\n`);
  console.log(
    `bcrypt cost ${COST}; one compare takes ${fmt(hashMs, 1)} ms on one core (median of 6, this run), so the limit is ${cores} cores × 1/${fmt(hashMs, 1)} ms = ${fmt(limit, 1)} logins/s. ` +
      `Storm: ${CONNECTIONS} connections POST /login for ${SECONDS} s, RATE_LIMITS_ENABLED=false. Probe: GET /healthz at ${PROBE_RATE} req/s on its own connection.\n`,
  );
  console.log(
    table(
      ["logins/s", "limit/s", "logins ÷ limit", "login p50 ms", "login p99 ms", "failures"],
      [[fmt(storm.rps, 1), fmt(limit, 1), fmt(storm.rps / limit, 2), fmt(storm.p50), fmt(storm.p99), storm.failures]],
    ),
  );
  console.log("");
  console.log(
    table(
      ["GET /healthz", "p50 ms", "p99 ms", "max ms", "failures"],
      [
        ["idle", fmt(idle.p50, 1), fmt(idle.p99, 1), fmt(idle.max, 1), idle.failures],
        ["during the storm", fmt(during.p50, 1), fmt(during.p99, 1), fmt(during.max, 1), during.failures],
      ],
    ),
  );
  console.log("");
} finally {
  await server.stop();
}
