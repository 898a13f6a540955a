import { readFileSync } from "node:fs";
import { fmt, table } from "./load.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface ProfileWindow {
  /** Microseconds from the profile's end back to the window's end (the time between the load's end and exit). */
  endBeforeExitMicros: number;
  lengthMicros: number;
}

/**
 * Self time by package/file and by function, and inclusive time by function, of a `.cpuprofile` over a window that
 * ends a known time before the process exited (so start-up, warm-up and shutdown are left out). `unit` turns a share
 * of the busy time into a cost per unit of work (µs per request, per email…).
 */
export function summarizeProfile(file: string, window: ProfileWindow, unitMicros: number, unitName: string, rows = { modules: 20, self: 25, inclusive: 40 }): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let t = 0;
  const stamps = profile.timeDeltas.map((dt) => (t += dt));
  const windowEnd = t - window.endBeforeExitMicros;
  const windowStart = windowEnd - window.lengthMicros;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const selfByModule = new Map<string, number>();
  let busy = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id)!.callFrame;
    // A sample that took over 50 ms to come (sampling is every ~1 ms) spans time the process did not run: SIGSTOPped by
    // bench:events, or descheduled on a loaded machine. Its delta is not time spent in its leaf.
    if (stamps[i]! < windowStart || stamps[i]! > windowEnd || leaf.functionName === "(idle)" || dt > 50_000) return;
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
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, fmt((100 * v) / busy, 1), fmt((v / busy) * unitMicros, 1)]);
  return [
    table(["package / file (self)", "% busy", `≈ µs/${unitName}`], top(selfByModule, rows.modules)),
    table(["function (self)", "% busy", `≈ µs/${unitName}`], top(self, rows.self)),
    table(["function (inclusive)", "% busy", `≈ µs/${unitName}`], top(inclusive, rows.inclusive)),
  ].join("\n\n");
}

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
