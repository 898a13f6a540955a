import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/freePort.js";
import { sampleValue, scrape } from "../support/prometheusText.js";
import { redisSkipReason, TEST_REDIS_URL } from "../support/redis.js";
import { waitForLine } from "../support/waitForLine.js";

/**
 * `npm run build`, then the compiled processes under plain node, as `npm run start:prod` runs them: no tsx, ESM with
 * `.js` specifiers, and the files read at runtime (password list, docs assets) found from dist/. The build goes to a
 * scratch folder laid out like the repository (package.json for `"type": "module"`, node_modules linked).
 * `--noCheck`: the same JavaScript in half the time; `npm run check` type-checks.
 */
const root = mkdtempSync(join(tmpdir(), "bazaar-build-"));
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
const redisSkip = await redisSkipReason();

beforeAll(async () => {
  copyFileSync("package.json", join(root, "package.json"));
  symlinkSync(realpathSync("node_modules"), join(root, "node_modules"));
  await promisify(execFile)(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--outDir", join(root, "dist"), "--noCheck"]);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(entry: string, env: Record<string, string>, args: string[] = []): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--enable-source-maps", join("dist/main", entry), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", JWT_SECRET: "s".repeat(48), HOST: "127.0.0.1", LOG_LEVEL: "info", CATALOG_SEED_ON_START: "false", ...env },
  });
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = await exited;
  return code as number | null;
}

describe("the compiled build (dist/) under plain node", () => {
  it("imports no package outside `dependencies`: it runs after `npm ci --omit=dev`", () => {
    const files = readdirSync(join(root, "dist"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    expect(files).toContain(join("main", "api.js"));
    const imported = new Set<string>();
    for (const file of files) {
      const code = readFileSync(join(root, "dist", file), "utf8");
      for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        if (spec!.startsWith(".") || spec!.startsWith("node:") || builtinModules.includes(spec!)) continue;
        imported.add(spec!.startsWith("@") ? spec!.split("/").slice(0, 2).join("/") : spec!.split("/")[0]!);
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
    expect(imported.has("tsx")).toBe(false);
  });

  it("starts the API in production mode: health, docs assets, the password list, metrics, and a clean SIGTERM", async () => {
    const metricsPort = await freePort();
    const api = run("api.js", { PORT: "0", METRICS_PORT: String(metricsPort), MAIL_DIR: join(root, "mail"), CATALOG_DATA_DIR: join(root, "catalog") });
    try {
      const url = JSON.parse(await waitForLine(api, /Bazaar listening/)).url as string;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const bundle = await fetch(`${url}/docs/assets/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect((await bundle.text()).length).toBeGreaterThan(100_000);
      const signup = (password: string) =>
        fetch(`${url}/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: `b-${password.length}@example.com`, password, firstName: "Build" }) });
      expect(((await (await signup("qwertyuiop")).json()) as { error: { code: string } }).error.code).toBe("WEAK_PASSWORD");
      expect((await signup("a long enough passphrase")).status).toBe(201);
      const m = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(sampleValue(m.samples, "bazaar_http_request_duration_seconds_count", { route: "/healthz", method: "GET", status_class: "2xx" })).toBe(1);
    } finally {
      expect(await stop(api)).toBe(0);
    }
  });

  it.skipIf(redisSkip !== null)(`starts the worker and runs a command-line tool against Redis${redisSkip ? ` (skipped: ${redisSkip})` : ""}`, async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, EVENT_STREAM_PREFIX: `bazaar-test:build:${process.pid}`, MAIL_DIR: join(root, "mail") };
    const metricsPort = await freePort();
    const worker = run("worker.js", { ...env, METRICS_PORT: String(metricsPort) });
    try {
      await waitForLine(worker, /notification worker running/);
      expect((await scrape(`http://127.0.0.1:${metricsPort}/metrics`)).families.get("bazaar_events_pending")).toBe("gauge");
    } finally {
      expect(await stop(worker)).toBe(0);
    }
    const tool = run("dead-letters.js", env, ["list", "user:signup"]);
    let out = "";
    tool.stdout.on("data", (c: Buffer) => (out += c.toString()));
    tool.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const [code] = await once(tool, "exit");
    expect({ code, out }).toEqual({ code: 0, out: "" });
  });
});
