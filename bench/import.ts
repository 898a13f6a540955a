import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import { resolve } from "node:path";
import { fmt, table } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";
import { freePort, startNode } from "./lib/processes.js";

/**
 * Scenario 4: the full dataset import (5 images per product) against the fake Cloudinary endpoint on loopback
 * with a fixed injected latency: several concurrency levels without faults, 2 % HTTP 500 at 32 in flight, and
 * 5 % mixed faults (500, dropped connections, rate limits with Retry-After) at the default concurrency.
 * Ideal wall time = images × mean latency ÷ concurrency + the time the endpoint spent rate-limiting (no client could
 * store anything then); a fresh endpoint and journal per run, so every image uploads.
 *
 * BENCH_IMPORT_BASELINE=<dir of an earlier checkout> runs each scenario with that checkout's importer too, back to
 * back against the same kind of endpoint (this tree's fake), so before and after share one run and one machine load.
 */
const LATENCY_MS = Number(process.env.BENCH_IMPORT_LATENCY_MS ?? 50);
const LEVELS = (process.env.BENCH_IMPORT_CONCURRENCY ?? "16,32,64").split(",").map(Number);
const FAILING_AT = Number(process.env.BENCH_IMPORT_FAILING_CONCURRENCY ?? 32);
const MIXED_AT = Number(process.env.BENCH_IMPORT_MIXED_CONCURRENCY ?? 8); // IMPORT_CONCURRENCY's default
const MIXED_LATENCY_MS = Number(process.env.BENCH_IMPORT_MIXED_LATENCY_MS ?? 30);
const BASELINE = process.env.BENCH_IMPORT_BASELINE ? resolve(process.env.BENCH_IMPORT_BASELINE) : undefined;
const ONLY = process.env.BENCH_IMPORT_ONLY?.split(","); // e.g. "32,2 % HTTP 500,5 % mixed"
// On a shared machine: repeat, alternating which build goes first, and read the rows side by side.
const REPEAT = Number(process.env.BENCH_IMPORT_REPEAT ?? 1);
const DATASET = resolve("var/bench/catalog/dataset");
const WORK = "var/bench/import";

if (!existsSync(`${DATASET}/products.json`)) {
  // Same seed and size as the catalog Bazaar seeds in bench:http, which then reuses it.
  const dataset = startNode("dataset", "src/main/dataset.ts", { CATALOG_DATA_DIR: "var/bench/catalog" });
  if ((await dataset.exited) !== 0) throw new Error("rendering the dataset failed");
}

interface Run {
  label: string;
  concurrency: number;
  latencyMs: number;
  fakeArgs: string[];
}
const runs: Run[] = [
  ...LEVELS.map((concurrency) => ({ label: "no faults", concurrency, latencyMs: LATENCY_MS, fakeArgs: [] })),
  { label: "2 % HTTP 500", concurrency: FAILING_AT, latencyMs: LATENCY_MS, fakeArgs: ["--rate-500", "0.02"] },
  { label: "5 % mixed", concurrency: MIXED_AT, latencyMs: MIXED_LATENCY_MS, fakeArgs: ["--mixed", "0.05"] },
].filter((r) => !ONLY || ONLY.includes(r.label) || ONLY.includes(String(r.concurrency)));
const builds: [string, string][] = [...(BASELINE ? ([["before", BASELINE]] as [string, string][]) : []), ["after", resolve(".")]];

const rows: (string | number)[][] = [];
for (let round = 0; round < REPEAT; round++) {
  for (const run of runs) for (const [build, dir] of round % 2 ? [...builds].reverse() : builds) rows.push(await importOnce(run, build, dir));
}

console.log(`## Import\n\n${describeMachine()}\n`);
console.log(
  `Fake Cloudinary (tests/support/fakeCloudinaryCli.ts, its own process) answers each upload after the stated latency ± 50 % (uniform, so the mean is the latency). ` +
    `"5 % mixed" is \`--mixed 0.05\`: 2.5 % of uploads answered 500, 2.5 % dropped, and one in 1000 opens a 1 s rate limit (429 with Retry-After to every upload). ` +
    `The import is \`npm run import:products\` (its own process); "import s" is what it reports. Ideal = images × latency ÷ concurrency + rate-limited time.` +
    (BASELINE ? ` "before" is the importer of ${BASELINE}, run back to back with "after" (this tree).` : "") +
    "\n",
);
console.log(
  table(
    ["run", "build", "concurrency", "latency ms", "ideal s (work + rate-limited)", "import s", "ideal ÷ import", "faults answered (500 / 429 / dropped)", "retried attempts", "paused s (pauses)", "cores: importer / fake", "importer CPU ms / image", "failed", "exit", "load avg 1 min"],
    rows,
  ),
);
console.log("");

async function importOnce(run: Run, build: string, dir: string): Promise<(string | number)[]> {
  const load = os.loadavg()[0]!.toFixed(2);
  const port = await freePort();
  const fake = startNode("fake-cloudinary", "tests/support/fakeCloudinaryCli.ts", {}, [], {
    args: ["--port", String(port), "--latency", String(run.latencyMs), ...run.fakeArgs],
    captureStdout: true,
  });
  let fakeCpu = 0;
  let row: (string | number)[];
  try {
    const env = await cloudinaryEnv(fake.stdout);
    // A fresh data dir sharing the rendered dataset: no journal, no products from an earlier run.
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    symlinkSync(DATASET, `${WORK}/dataset`);
    const started = performance.now();
    const importer = startNode("import", `${dir}/src/main/import-products.ts`, { ...env, CATALOG_DATA_DIR: WORK, LOG_LEVEL: "warn" }, [], {
      args: ["--concurrency", String(run.concurrency)],
      captureStdout: true,
    });
    // /proc forgets a process once it exits, so its CPU time is sampled while it runs.
    let importerCpu = 0;
    const sampler = setInterval(() => {
      try {
        importerCpu = importer.cpuSeconds();
      } catch {
        // already gone
      }
    }, 200);
    const code = await importer.exited;
    clearInterval(sampler);
    const wall = (performance.now() - started) / 1000;
    fakeCpu = fake.cpuSeconds();
    const out = importer.stdout();
    const seconds = Number(/in ([\d.]+) s/.exec(out)?.[1] ?? NaN);
    const [, total, , , failed] = /images:\s+(\d+) total, (\d+) uploaded, (\d+) skipped.*?, (\d+) failed/.exec(out) ?? [];
    const retried = /(\d+) retried attempts/.exec(out)?.[1] ?? "?";
    const paused = /paused:\s+([\d.]+) s for rate limits \((\d+) pause/.exec(out);
    const cpuPerImage = fmt((importerCpu * 1000) / Number(total), 2);
    row = [run.label, build, run.concurrency, run.latencyMs, total ?? "?", seconds, retried, paused ? `${paused[1]} (${paused[2]})` : "–", `${fmt(importerCpu / wall, 2)} / ${fmt(fakeCpu / wall, 2)}`, cpuPerImage, failed ?? "?", code ?? "killed"];
  } finally {
    await fake.stop();
  }
  // The fake's last line, printed as it stops, says what it answered and how long it was rate-limiting.
  const stats = [...fake.stdout().matchAll(/statuses=(\{.*?\}) dropped=(\d+) rate-limit-windows=(\d+) rate-limited-ms=(\d+)/gu)].at(-1);
  const byStatus = stats ? (JSON.parse(stats[1]!) as Record<string, number>) : {};
  const limitedS = Number(stats?.[4] ?? 0) / 1000;
  const [label, b, concurrency, latency, total, seconds, retried, paused, cores, cpuPerImage, failed, code] = row;
  const ideal = (Number(total) * Number(latency)) / 1000 / Number(concurrency) + limitedS;
  const faults = `${byStatus[500] ?? 0} / ${byStatus[429] ?? 0} / ${stats?.[2] ?? "?"}`;
  return [label!, b!, concurrency!, latency!, `${fmt(ideal, 1)}${limitedS ? ` (incl. ${fmt(limitedS, 0)})` : ""}`, fmt(Number(seconds), 1), fmt(ideal / Number(seconds), 2), faults, retried!, paused!, cores!, cpuPerImage!, failed!, code!, load];
}

/** The fake prints the exact CLOUDINARY_URL and upload prefix to use; wait for that line. */
async function cloudinaryEnv(stdout: () => string): Promise<Record<string, string>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = /CLOUDINARY_URL=(\S+) CLOUDINARY_UPLOAD_PREFIX=(\S+)/.exec(stdout());
    if (m) return { CLOUDINARY_URL: m[1]!, CLOUDINARY_UPLOAD_PREFIX: m[2]! };
    if (Date.now() > deadline) throw new Error("fake Cloudinary did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}
