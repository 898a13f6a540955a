import { bazaarEnv, getJson, login, signup, startServer } from "./lib/bazaar.js";
import { fmt, load, table } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";

/**
 * Scenario 5: RSS of the embedded default under a few minutes of sustained mixed reads. A leak shows as
 * growth from the second minute (after warm-up and heap sizing) to the last. RSS saw-tooths with every
 * major GC, so each minute's floor (its lowest sample, nearest to the live set) is compared as well as its mean.
 */
const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 180);
const SAMPLE_MS = 2_000;

const server = await startServer("bazaar", "src/main/api.ts", bazaarEnv());
try {
  const email = `memory-${Date.now()}@example.com`;
  await signup(server.url, email);
  const cookie = await login(server.url, email);
  const hasCatalog = (await fetch(`${server.url}/products?limit=24`)).ok;
  await getJson(`${server.url}/profile/view`, { cookie });

  const samples: { t: number; rss: number }[] = [];
  const started = performance.now();
  const sample = () => samples.push({ t: (performance.now() - started) / 1000, rss: server.rssMiB() });
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  const runs = await Promise.all([
    load({ url: `${server.url}/profile/view`, connections: 16, durationSeconds: SECONDS, headers: { cookie } }),
    ...(hasCatalog ? [load({ url: `${server.url}/products?limit=24`, connections: 8, durationSeconds: SECONDS })] : []),
    load({ url: `${server.url}/healthz`, connections: 2, durationSeconds: SECONDS }),
  ]);
  clearInterval(timer);
  sample();

  const minute = (from: number, to: number) => samples.filter((s) => s.t >= from && s.t < to).map((s) => s.rss);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const last = SECONDS - 60;
  const [second, final] = [mean(minute(60, 120)), mean(minute(last, SECONDS + 1))];
  const [secondFloor, finalFloor] = [Math.min(...minute(60, 120)), Math.min(...minute(last, SECONDS + 1))];
  const rssAt = (t: number) => samples.reduce((best, s) => (Math.abs(s.t - t) < Math.abs(best.t - t) ? s : best)).rss;
  const requests = runs.reduce((n, r) => n + r.rps * SECONDS, 0);

  console.log(`## Memory under sustained load\n\n${describeMachine()}\n`);
  console.log(
    `${SECONDS} s of GET /profile/view (16 connections)${hasCatalog ? ", GET /products?limit=24 (8)" : ""} and GET /healthz (2) at once, ` +
      `${fmt(requests / 1e6, 2)} M requests, ${runs.reduce((n, r) => n + r.failures, 0)} failures. RSS sampled every ${SAMPLE_MS / 1000} s.\n`,
  );
  console.log(
    table(
      ["RSS MiB at start", "at 60 s", "at 120 s", `at ${SECONDS} s`, "max", "2nd minute: floor / mean", "last minute: floor / mean", "growth of floor", "growth of mean"],
      [
        [
          fmt(samples[0]!.rss, 1),
          fmt(rssAt(60), 1),
          fmt(rssAt(120), 1),
          fmt(samples.at(-1)!.rss, 1),
          fmt(Math.max(...samples.map((s) => s.rss)), 1),
          `${fmt(secondFloor, 1)} / ${fmt(second, 1)}`,
          `${fmt(finalFloor, 1)} / ${fmt(final, 1)}`,
          `${fmt(finalFloor - secondFloor, 1)} MiB (${fmt((100 * (finalFloor - secondFloor)) / secondFloor, 1)} %)`,
          `${fmt(final - second, 1)} MiB (${fmt((100 * (final - second)) / second, 1)} %)`,
        ],
      ],
    ),
  );
  console.log("");
} finally {
  await server.stop();
}
