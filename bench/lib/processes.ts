import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { openSync, readFileSync } from "node:fs";

// The tiny race between asking for a free port and the child binding it is acceptable for a bench.
export { freePort } from "../../tests/support/freePort.js";

export interface Child {
  name: string;
  pid: number;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /** user+system CPU seconds the process has used so far (from /proc). */
  cpuSeconds(): number;
  /** Of those, the system (kernel) seconds: syscalls, and on loopback the peer's share of the TCP stack. */
  kernelSeconds(): number;
  rssMiB(): number;
  /** Pauses (SIGSTOP) or resumes (SIGCONT) the process: lets a bench build up work for it without restarting it. */
  signal(signal: NodeJS.Signals): void;
  /** What the child printed on stdout, when started with `captureStdout`. */
  stdout(): string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
// Whatever happens to the bench, its servers do not outlive it.
process.on("exit", () => running.forEach((c) => c.kill("SIGKILL")));
for (const s of ["SIGINT", "SIGTERM"] as const) process.on(s, () => process.exit(130));

/**
 * Runs `node --import tsx <script>` directly (not the tsx CLI, which forks a second process),
 * so pid, CPU time and RSS are those of the server itself. Stdout goes to /dev/null: the access log
 * is produced and written, as in production, but costs nothing to read.
 */
export function startNode(
  name: string,
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  { args = [] as string[], captureStdout = false } = {},
): Child {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", captureStdout ? "pipe" : openSync("/dev/null", "w"), "pipe"],
  });
  let stdout = "";
  child.stdout?.on("data", (d: Buffer) => void (stdout += d.toString()));
  running.add(child);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
  child.on("exit", (code, signal) => {
    running.delete(child);
    if (code && code !== 0 && signal === null) console.error(`[${name}] exited with ${code}\n${stderr}`);
  });
  const pid = child.pid!;
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return {
    name,
    pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
    signal: (signal) => void child.kill(signal),
    cpuSeconds: () => cpuTicks(pid).reduce((a, b) => a + b) / 100,
    kernelSeconds: () => cpuTicks(pid)[1] / 100,
    rssMiB: () => rssMiB(pid),
    stdout: () => stdout,
    exited,
  };
}

/** utime and stime (fields 14 and 15 of /proc/<pid>/stat), in clock ticks of 1/100 s. */
function cpuTicks(pid: number): [number, number] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return [Number(fields[11]), Number(fields[12])];
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Polls until the URL answers 2xx, so a bench never measures a server that is still compiling TypeScript. */
export async function waitUntilUp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
