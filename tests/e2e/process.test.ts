import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitForLine } from "../support/waitForLine.js";

const TSX = "node_modules/.bin/tsx";

/** Keeps the process's mail and catalog data out of the repository's var/. */
function scratchDirs(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "bazaar-process-"));
  return { MAIL_DIR: join(dir, "mail"), CATALOG_DATA_DIR: join(dir, "catalog"), CATALOG_SEED_ON_START: "false" };
}

function start(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(TSX, ["src/main/api.ts"], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
}

describe("the bazaar process", () => {
  it("refuses to start on a bad setting with one clear line and a non-zero exit", async () => {
    const child = start({ NODE_ENV: "production", JWT_SECRET: "too-short" });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const [code] = await once(child, "exit");
    expect(code).not.toBe(0);
    expect(stderr.trim().split("\n").filter((l) => !l.includes("npm warn"))).toEqual([
      "Invalid configuration: JWT_SECRET must be at least 32 bytes",
    ]);
  });

  it("starts on embedded defaults, says so in one line, and shuts down cleanly on SIGTERM mid-request", async () => {
    const child = start({ PORT: "0", LOG_LEVEL: "info", BCRYPT_COST: "13", ...scratchDirs() });
    try {
      const line = await waitForLine(child, /Bazaar listening/);
      expect(line).toMatch(/in-memory/);
      const url = JSON.parse(line).url as string;

      // At cost 13 the signup's bcrypt hash takes far longer than the 300 ms it takes the request to arrive,
      // so SIGTERM lands while it is being processed, and it must still complete.
      const inFlight = fetch(`${url}/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "late@example.com", password: "a long enough passphrase", firstName: "Late" }),
      });
      await new Promise((r) => setTimeout(r, 300));
      child.kill("SIGTERM");
      expect((await inFlight).status).toBe(201);
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
