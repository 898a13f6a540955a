import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { bazaarEnv, getJson, login, signup, startServer } from "./lib/bazaar.js";
import { summarizeProfile } from "./lib/cpuProfile.js";
import { fmt, load, type LoadResult } from "./lib/load.js";

/**
 * Where does Bazaar's time go? Runs it under `node --cpu-prof`, loads one endpoint, and prints self and
 * inclusive time by package and by function, for the measured window only (no startup, seed or shutdown).
 * Usage: tsx bench/profile.ts [/profile/view] [seconds]; BENCH_ENV='{"REDIS_URL":"redis://127.0.0.1:6379"}' adds settings.
 */
const path = process.argv[2] ?? "/profile/view";
const seconds = Number(process.argv[3] ?? 10);
const dir = "var/profiles";
rmSync(dir, { recursive: true, force: true });

const server = await startServer("bazaar", "src/main/api.ts", bazaarEnv(JSON.parse(process.env.BENCH_ENV ?? "{}")), ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
let result: LoadResult;
let loadEndedAt = 0;
try {
  const email = `profile-${Date.now()}@example.com`;
  await signup(server.url, email);
  const cookie = await login(server.url, email);
  await getJson(server.url + path, { cookie });
  const spec = { url: server.url + path, connections: 32, headers: { cookie } };
  await load({ ...spec, durationSeconds: 3 }); // JIT warm-up
  result = await load({ ...spec, durationSeconds: seconds }, server);
  loadEndedAt = performance.now();
} finally {
  await server.stop();
}
const stoppedAt = performance.now();
console.log(`${path}: ${fmt(result.rps)} req/s, ${fmt(result.cpuMicrosPerRequest, 1)} µs server CPU per request\n`);

const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error("no profile written");
// The profile ends when the server exits; the measured window is the `seconds` before the load ended.
console.log(summarizeProfile(join(dir, file), { endBeforeExitMicros: (stoppedAt - loadEndedAt) * 1000, lengthMicros: seconds * 1e6 }, result.cpuMicrosPerRequest, "req"));
console.log(`\nprofile: ${join(dir, file)} (open in Chrome DevTools → Performance)`);
