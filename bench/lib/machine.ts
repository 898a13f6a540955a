import { readFileSync } from "node:fs";
import os from "node:os";

/** The machine line every result carries: ratios travel between machines, absolute numbers do not. */
export function describeMachine(): string {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown CPU";
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" / ");
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.availableParallelism()} × ${model}, ${gib} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average before the run ${load}; ${new Date().toISOString()}`;
}
