import type { Context } from "koa";
import { PrometheusMetrics } from "../src/infrastructure/metrics/PrometheusMetrics.js";
import { httpMetrics } from "../src/interfaces/http/middleware/httpMetrics.js";

/**
 * What the metrics middleware adds to one request, on the CPU alone: the real middleware and the real prom-client
 * histogram and gauge, over a request that does nothing. A loaded machine blurs a few per cent in an HTTP run
 * (`BENCH_METRICS_ONLY=1 npm run bench:http`); this isolates it. Compare with Bazaar's CPU per request in section 1.
 */
const N = Number(process.env.BENCH_METRICS_CALLS ?? 1_000_000);
const routes = ["/profile/view", "/products", "/products/:idOrSlug", "/login", "/signup", "unmatched"];
const metrics = new PrometheusMetrics({ http: true });
const middleware = httpMetrics(metrics);
const next = async () => undefined;
const contexts = routes.map((route) => ({ _matchedRoute: route, method: "GET", status: 200, path: route }) as unknown as Context);

async function run(n: number): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < n; i++) await middleware(contexts[i % contexts.length]!, next);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / n;
}

async function baseline(n: number): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < n; i++) await next();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / n;
}

await run(N / 10); // warm-up: JIT and the histogram's label sets
// Interleaved short rounds, so that a neighbour's load hits both variants alike; medians.
const ROUNDS = 9;
const withMetrics: number[] = [];
const without: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  withMetrics.push(await run(N / ROUNDS));
  without.push(await baseline(N / ROUNDS));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cost = median(withMetrics) - median(without);
console.log(`metrics middleware: ${cost.toFixed(2)} µs CPU per request (median of ${ROUNDS} interleaved rounds, ${N} calls, ${routes.length} routes)`);
