import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject } from "vitest";
import { TEST_SECRET } from "../support/accountsKit.js";
import { ApiProcess } from "../support/apiProcess.js";
import { itNeedsOn } from "../support/mongo.js";
import { redisSkipReason, TEST_REDIS_URL } from "../support/redis.js";
import { TestClient } from "../support/testServer.js";

/**
 * Two API processes sharing users (the MongoDB the test setup found) and Redis: what one API decides about a user's
 * session or budget holds on the other. Signup and login need no update operator, so this runs on the emulator too.
 */
const mongo = inject("mongo");
const redisSkip = await redisSkipReason();
const it = itNeedsOn(mongo, ["unique index"]);
const skipReason = redisSkip ?? (mongo.uri ? null : mongo.reason);

describe.skipIf(skipReason !== null)(skipReason ? `two APIs sharing users (skipped: ${skipReason})` : "two APIs sharing users", () => {
  let dir: string;
  const apis: ApiProcess[] = [];
  let a: string;
  let b: string;
  const user = { email: `shared-${process.pid}-${Date.now().toString(36)}@example.com`, password: "a long enough passphrase", firstName: "Shared" };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "bazaar-shared-users-"));
    const env = {
      NODE_ENV: "test",
      JWT_SECRET: TEST_SECRET,
      BCRYPT_COST: "4",
      MONGODB_URI: mongo.uri!,
      MONGODB_DB: `bazaar_shared_${process.pid}_${Date.now().toString(36)}`,
      REDIS_URL: TEST_REDIS_URL,
      EVENT_STREAM_PREFIX: `bazaar-test:shared:${process.pid}:${Date.now().toString(36)}`,
      MAIL_DIR: join(dir, "mail"),
      CATALOG_DATA_DIR: join(dir, "catalog"),
      CATALOG_SEED_ON_START: "false",
      RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_IP: "4",
      // The notice is an event stored with the user ($set + $push, which the emulator lacks); its own tests cover it.
      NEW_SIGN_IN_NOTICE: "false",
    };
    const started = await Promise.all([ApiProcess.start(env), ApiProcess.start(env)]);
    apis.push(...started.map((s) => s.api));
    [a, b] = started.map((s) => s.url) as [string, string];
    expect((await new TestClient(a).post("/signup", { json: user })).status).toBe(201);
  });

  afterAll(async () => {
    for (const api of apis) api.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it([], "a session opened on one API works on the other, and a logout on either ends it on both", async () => {
    const onB = new TestClient(b);
    expect((await onB.post("/login", { json: { email: user.email, password: user.password } })).status).toBe(200);
    const onA = new TestClient(a);
    onA.cookie = onB.cookie;
    expect((await onA.get("/profile/view")).body).toMatchObject({ email: user.email });

    expect((await onA.post("/logout")).status).toBe(204);
    expect((await onB.get("/profile/view")).status).toBe(401);
  });

  it([], "wrong passwords sent to both APIs draw on one budget", async () => {
    const wrong = { email: user.email, password: "not the password at all" };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await new TestClient(i % 2 ? b : a).post("/login", { json: wrong })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
