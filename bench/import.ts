import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { resolve } from "node:path";
import { fmt, table } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";
import { freePort, startNode } from "./lib/processes.js";

/**
 * Scenario 4: the full dataset import (5 images per product) against the fake Cloudinary endpoint on loopback
 * with a fixed injected latency, at several concurrency levels, then with 2 % of uploads failing with a 500.
 * Ideal wall time = images × mean latency ÷ concurrency; a fresh endpoint and journal per run, so every image uploads.
 */
const LATENCY_MS = Number(process.env.BENCH_IMPORT_LATENCY_MS ?? 50);
const LEVELS = (process.env.BENCH_IMPORT_CONCURRENCY ?? "16,32,64").split(",").map(Number);
const FAILING_AT = Number(process.env.BENCH_IMPORT_FAILING_CONCURRENCY ?? 32);
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
  failRate: number;
}
const runs: Run[] = [
  ...LEVELS.map((concurrency) => ({ label: "no faults", concurrency, failRate: 0 })),
  { label: "2 % HTTP 500", concurrency: FAILING_AT, failRate: 0.02 },
];
const rows: (string | number)[][] = [];
for (const run of runs) rows.push(await importOnce(run));

console.log(`## Import\n\n${describeMachine()}\n`);
console.log(
  `Fake Cloudinary (tests/support/fakeCloudinaryCli.ts, its own process) answers each upload after ${LATENCY_MS} ms ± 50 % (uniform, so the mean is ${LATENCY_MS} ms). ` +
    `The import is \`npm run import:products\` (its own process); "import time" is what it reports, "wall" includes process start.\n`,
);
console.log(table(["run", "concurrency", "images", "ideal s", "import s", "ideal ÷ import", "wall s", "cores used: importer / fake", "retried attempts", "failed", "exit"], rows));
console.log("");

async function importOnce(run: Run): Promise<(string | number)[]> {
  const port = await freePort();
  const fake = startNode("fake-cloudinary", "tests/support/fakeCloudinaryCli.ts", {}, [], {
    args: ["--port", String(port), "--latency", String(LATENCY_MS), "--rate-500", String(run.failRate)],
    captureStdout: true,
  });
  try {
    const env = await cloudinaryEnv(fake.stdout);
    // A fresh data dir sharing the rendered dataset: no journal, no products from an earlier run.
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    symlinkSync(DATASET, `${WORK}/dataset`);
    const started = performance.now();
    const importer = startNode("import", "src/main/import-products.ts", { ...env, CATALOG_DATA_DIR: WORK, LOG_LEVEL: "warn" }, [], {
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
    const out = importer.stdout();
    const seconds = Number(/in ([\d.]+) s/.exec(out)?.[1] ?? NaN);
    const [, total, , , failed] = /images:\s+(\d+) total, (\d+) uploaded, (\d+) skipped.*?, (\d+) failed/.exec(out) ?? [];
    const retried = /(\d+) retried attempts/.exec(out)?.[1] ?? "?";
    const ideal = (Number(total) * LATENCY_MS) / 1000 / run.concurrency;
    const cores = `${fmt(importerCpu / wall, 2)} / ${fmt(fake.cpuSeconds() / wall, 2)}`;
    return [run.label, run.concurrency, total ?? "?", fmt(ideal, 1), fmt(seconds, 1), fmt(ideal / seconds, 2), fmt(wall, 1), cores, retried, failed ?? "?", code ?? "killed"];
  } finally {
    await fake.stop();
  }
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
