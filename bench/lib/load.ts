import autocannon from "autocannon";
import type { Child } from "./processes.js";

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Requests per second across all connections; unset means as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Non-2xx answers, socket errors and timeouts: any of them makes the run suspect. */
  failures: number;
  /** Server CPU time per answered request, in µs: the cost, independent of how hard the client could push. */
  cpuMicrosPerRequest: number;
  /** The kernel's part of that CPU time (sending, receiving, waking the peer), in µs per request. */
  kernelMicrosPerRequest: number;
  /** Fraction of one core the server used: well under 1 means the client or something else was the limit. */
  serverCoreUse: number;
}

/** One autocannon run in this process; the server is a separate process, so they never share an event loop. */
export async function load(spec: LoadSpec, server?: Child): Promise<LoadResult> {
  const cpuBefore = server?.cpuSeconds() ?? 0;
  const kernelBefore = server?.kernelSeconds() ?? 0;
  const started = performance.now();
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    method: spec.method ?? "GET",
    headers: spec.headers,
    body: spec.body,
    overallRate: spec.overallRate,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = server ? server.cpuSeconds() - cpuBefore : 0;
  const kernel = server ? server.kernelSeconds() - kernelBefore : 0;
  const answered = r.requests.total;
  return {
    rps: answered / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    failures: r.non2xx + r.errors + r.timeouts,
    cpuMicrosPerRequest: answered > 0 ? (cpu * 1e6) / answered : NaN,
    kernelMicrosPerRequest: answered > 0 ? (kernel * 1e6) / answered : NaN,
    serverCoreUse: cpu / seconds,
  };
}

/**
 * Side by side: a discarded warm-up for each, then `rounds` rounds with the order rotated so that no contender
 * always runs first (or right after the noisiest one). Returns every round's result per contender, in order.
 */
export async function alternate<T>(contenders: T[], rounds: number, run: (c: T, warmUp: boolean) => Promise<LoadResult>): Promise<LoadResult[][]> {
  for (const c of contenders) await run(c, true);
  const results = contenders.map((): LoadResult[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + round) % contenders.length;
      results[i]!.push(await run(contenders[i]!, false));
    }
  }
  return results;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–";

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
