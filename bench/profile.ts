import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { bazaarEnv, getJson, login, signup, startServer } from "./lib/bazaar.js";
import { fmt, load, table, type LoadResult } from "./lib/load.js";

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

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error("no profile written");
const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// The profile ends when the server exits; the measured window is the `seconds` before the load ended.
let t = 0;
const stamps = profile.timeDeltas.map((dt) => (t += dt));
const windowEnd = t - (stoppedAt - loadEndedAt) * 1000;
const windowStart = windowEnd - seconds * 1e6;

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const selfByModule = new Map<string, number>();
let busy = 0;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const leaf = byId.get(id)!.callFrame;
  if (stamps[i]! < windowStart || stamps[i]! > windowEnd || leaf.functionName === "(idle)") return;
  busy += dt;
  add(self, label(leaf), dt);
  add(selfByModule, moduleOf(leaf.url) || leaf.functionName, dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(byId.get(cur)!.callFrame);
    if (!seen.has(k)) add(inclusive, k, dt);
    seen.add(k);
  }
});

const top = (m: Map<string, number>, n: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, fmt((100 * v) / busy, 1), fmt((v / busy) * result.cpuMicrosPerRequest, 1)]);
console.log(table(["package / file (self)", "% busy", "≈ µs/req"], top(selfByModule, 20)));
console.log("");
console.log(table(["function (self)", "% busy", "≈ µs/req"], top(self, 25)));
console.log("");
console.log(table(["function (inclusive)", "% busy", "≈ µs/req"], top(inclusive, 40)));
console.log(`\nprofile: ${join(dir, file)} (open in Chrome DevTools → Performance)`);

function label(f: ProfileNode["callFrame"]): string {
  return `${f.functionName || "(anonymous)"} ${moduleOf(f.url)}:${f.lineNumber + 1}`;
}

function moduleOf(url: string): string {
  if (!url) return "";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = url.slice(nm + 13).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : `${parts[0]}/${parts.at(-1)}`;
  }
  if (url.startsWith("node:")) return url;
  const src = url.indexOf("/src/");
  return src >= 0 ? url.slice(src + 1) : url;
}
