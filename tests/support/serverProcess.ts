import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ServerProcess {
  url: string;
  port: number;
  /** Everything the process wrote so far, stdout and stderr interleaved as received. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s); returns the exit code. */
  stop(): Promise<number | null>;
}

/** `npm start` as production runs it: `src/main/api.ts` under tsx, its own mail and catalog folders, no seeding. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), "bazaar-process-"));
  const child = spawn("node_modules/.bin/tsx", ["src/main/api.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      MAIL_DIR: join(dir, "mail"),
      CATALOG_DATA_DIR: join(dir, "catalog"),
      CATALOG_SEED_ON_START: "false",
      ...env,
    },
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = once(child, "exit").then(([code]) => code as number | null);

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 30_000);
    const look = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off("data", look);
      resolve(match[1]!);
    };
    child.stdout.on("data", look);
    void exited.then((code) => reject(new Error(`the server exited with ${code}:\n${out}`)));
  });

  return {
    url,
    port: Number(new URL(url).port),
    output: () => out,
    stop: async () => {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}
