import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject } from "vitest";
import { TEST_SECRET } from "../support/accountsKit.js";
import { itNeedsOn } from "../support/mongo.js";
import { redisSkipReason, TEST_REDIS_URL } from "../support/redis.js";
import { signupBody, startTestServer, type TestServer } from "../support/testServer.js";

/** `npm run sessions -- …` as an operator runs it, against the users (MongoDB) and sessions (Redis) of a running API. */
const mongo = inject("mongo");
const redisSkip = await redisSkipReason();
const it = itNeedsOn(mongo, ["unique index"]);
const skipReason = redisSkip ?? (mongo.uri ? null : mongo.reason);
const run = promisify(execFile);

describe.skipIf(skipReason !== null)(skipReason ? `sessions CLI (skipped: ${skipReason})` : "sessions CLI", () => {
  let dir: string;
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "bazaar-sessions-cli-"));
    env = {
      NODE_ENV: "test",
      JWT_SECRET: TEST_SECRET,
      BCRYPT_COST: "4",
      MONGODB_URI: mongo.uri!,
      MONGODB_DB: `bazaar_sessions_cli_${process.pid}_${Date.now().toString(36)}`,
      REDIS_URL: TEST_REDIS_URL,
      EVENT_STREAM_PREFIX: `bazaar-test:sessions-cli:${process.pid}:${Date.now().toString(36)}`,
      MAIL_DIR: join(dir, "mail"),
      CATALOG_DATA_DIR: join(dir, "catalog"),
      CATALOG_SEED_ON_START: "false",
      // The notice is an event stored with the user ($set + $push, which the emulator lacks); its own tests cover it.
      NEW_SIGN_IN_NOTICE: "false",
    };
    server = await startTestServer(env);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    run(process.execPath, ["--import", "tsx", "src/main/sessions.ts", ...args], { env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it([], "lists an account's sessions and revoke-all ends them on the running API", async () => {
    const body = signupBody();
    const laptop = server.client();
    expect((await laptop.post("/signup", { json: body })).status).toBe(201);
    const credentials = { email: body.email, password: body.password };
    expect((await laptop.post("/login", { json: credentials, headers: { "user-agent": "Firefox" } })).status).toBe(200);
    const phone = server.client();
    expect((await phone.post("/login", { json: credentials, headers: { "user-agent": "Safari" } })).status).toBe(200);

    const listed = await cli("list", body.email.toUpperCase());
    expect(listed.code).toBe(0);
    const sessions = listed.stdout.trim().split("\n").map((l) => JSON.parse(l) as { userAgent: string });
    expect(sessions.map((s) => s.userAgent).sort()).toEqual(["Firefox", "Safari"]);
    expect(listed.stdout).not.toContain(laptop.cookie!);

    const revoked = await cli("revoke-all", body.email);
    expect(revoked).toMatchObject({ code: 0, stdout: "ended 2 session(s)\n" });
    expect((await laptop.get("/profile/view")).status).toBe(401);
    expect((await phone.get("/profile/view")).status).toBe(401);
    expect((await cli("list", body.email)).stdout).toBe("");
  });

  it([], "answers an unknown account with exit 1 and bad arguments with the usage and exit 64", async () => {
    expect(await cli("list", "nobody@example.com")).toMatchObject({ code: 1, stderr: "no account with that email\n" });
    expect((await cli("drop")).code).toBe(64);
  });
});
