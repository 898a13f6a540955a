import { bazaarEnv, startServer, type Server } from "./lib/bazaar.js";
import { fixtureFrom } from "./lib/fixture.js";
import { alternate, fmt, load, median, table, type LoadResult } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";

/**
 * Where Bazaar's time goes over the framework floor, measured rather than read off a profile: Koa with only the
 * floor's route, then Bazaar's own middleware added one layer at a time (the real modules, bench/servers/layers.ts),
 * then Bazaar itself. Every rung is a separate server, all alternated in one run; each row's Δ is its CPU per request
 * minus the previous row's. (A sampling profile blames the kernel's send for time that is not its own; this does not.)
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_LAYERS_SECONDS ?? 3);
const PATH = "/profile/view";
const RUNGS = [
  "Koa + router, the floor's route (0 layers)",
  "+ request id and access log",
  "+ error mapping",
  "+ security headers (helmet, API set)",
  "+ CORS",
  "+ JSON body screening (skipped on GET)",
  "+ local media prefix check",
  "+ 405 answers (allowedMethods)",
];

const env = bazaarEnv();
const servers: Server[] = [];
try {
  const bazaar = await startServer("bazaar", "src/main/api.ts", env);
  servers.push(bazaar);
  const { fixture, cookie } = await fixtureFrom(bazaar, env.JWT_SECRET!);
  const rungs: Array<{ label: string; server: Server }> = [];
  for (const [layers, label] of RUNGS.entries()) {
    const server = await startServer(`layers-${layers}`, "bench/servers/layers.ts", { ...env, BENCH_FIXTURE: JSON.stringify(fixture), BENCH_LAYERS: String(layers) });
    servers.push(server);
    rungs.push({ label, server });
  }
  rungs.push({ label: "+ session check and use-case instead of the inline verify (Bazaar itself)", server: bazaar });

  const runs = await alternate(rungs, ROUNDS, (r, warmUp) =>
    load({ url: r.server.url + PATH, connections: 32, durationSeconds: warmUp ? 2 : SECONDS, headers: { cookie } }, r.server),
  );
  const m = (i: number, key: keyof LoadResult) => median(runs[i]!.map((r) => r[key]));
  const rows = rungs.map((r, i) => [
    r.label,
    fmt(m(i, "rps")),
    fmt(m(i, "cpuMicrosPerRequest"), 1),
    i === 0 ? "" : fmt(m(i, "cpuMicrosPerRequest") - m(i - 1, "cpuMicrosPerRequest"), 1),
    fmt(m(i, "kernelMicrosPerRequest"), 1),
    String(runs[i]!.reduce((n, x) => n + x.failures, 0)),
  ]);
  console.log(`## Where the time goes: GET ${PATH}, one layer at a time\n\n${describeMachine()}\n`);
  console.log(`32 connections, ${ROUNDS} rounds × ${SECONDS} s per rung, rungs alternated; medians. Δ is CPU per request over the row above.\n`);
  console.log(table(["rung", "req/s", "server CPU µs/req", "Δ µs/req", "of which kernel", "failures"], rows));
  const [floor, top, full] = [m(0, "cpuMicrosPerRequest"), m(RUNGS.length - 1, "cpuMicrosPerRequest"), m(RUNGS.length, "cpuMicrosPerRequest")];
  console.log(`\nBazaar's middleware adds ${fmt(top - floor, 1)} µs per request over the floor, its routes and use-case ${fmt(full - top, 1)} µs.\n`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
