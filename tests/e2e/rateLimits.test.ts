import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BcryptPasswordHasher } from "../../src/infrastructure/security/BcryptPasswordHasher.js";
import { redisSkipReason, TEST_REDIS_URL } from "../support/redis.js";
import { signupBody, startTestServer, type TestServer } from "../support/testServer.js";

const LIMITS = {
  RATE_LIMITS_ENABLED: "true",
  RATE_LIMIT_LOGIN_PER_IP: "6",
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_IP: "3",
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: "10",
  RATE_LIMIT_SIGNUP_PER_IP: "3",
};
const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

async function account(server: TestServer, ip: string) {
  const body = signupBody();
  const res = await server.client().post("/signup", { json: body, headers: { "x-forwarded-for": ip } });
  expect(res.status).toBe(201);
  return { email: body.email, password: body.password };
}

describe("rate limits behind one trusted proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ...LIMITS, TRUST_PROXY_HOPS: "1" });
  });
  afterAll(() => server.stop());

  it("blocks an attacker's IP for an account after repeated failures, with 429 and Retry-After", async () => {
    const creds = await account(server, randomIp());
    const attacker = randomIp();
    const attempt = (password: string) =>
      server.client().post("/login", { json: { email: creds.email, password }, headers: { "x-forwarded-for": attacker } });
    for (let i = 0; i < 3; i++) expect((await attempt("wrong guess!")).status).toBe(401);
    const blocked = await attempt(creds.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("RATE_LIMITED");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("does not lock the owner out from their own IP while an attacker hammers the account", async () => {
    const creds = await account(server, randomIp());
    const attacker = randomIp();
    for (let i = 0; i < 6; i++)
      await server.client().post("/login", { json: { email: creds.email, password: "wrong guess!" }, headers: { "x-forwarded-for": attacker } });
    const owner = await server.client().post("/login", { json: creds, headers: { "x-forwarded-for": randomIp() } });
    expect(owner.status).toBe(200);
  });

  it("limits signups per IP", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await server.client().post("/signup", { json: signupBody(), headers: { "x-forwarded-for": ip } })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});

describe("rate limits with no proxy configured", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ...LIMITS, TRUST_PROXY_HOPS: "0" });
  });
  afterAll(() => server.stop());

  it("ignores X-Forwarded-For, so rotating it does not escape the per-IP limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await server.client().post("/login", { json: { email: `x${i}@example.com`, password: "whatever" }, headers: { "x-forwarded-for": randomIp() } })).status);
    expect(statuses.slice(0, 6).every((s) => s === 401)).toBe(true);
    expect(statuses[6]).toBe(429);
  });
});

const skip = await redisSkipReason();
describe.skipIf(skip !== null)(skip ? `Redis-backed limits (skipped: ${skip})` : "Redis-backed limits", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { ...LIMITS, TRUST_PROXY_HOPS: "1", REDIS_URL: TEST_REDIS_URL };
    [a, b] = [await startTestServer(env), await startTestServer(env)];
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("two API instances share one budget, so a second instance is no way around it", async () => {
    const ip = randomIp();
    const attempt = (s: TestServer) =>
      s.client().post("/login", { json: { email: `nobody-${ip}@example.com`, password: "whatever" }, headers: { "x-forwarded-for": ip } });
    const statuses = [await attempt(a), await attempt(b), await attempt(a), await attempt(b)];
    expect(statuses.map((r) => r.status)).toEqual([401, 401, 401, 429]);
  });
});

/**
 * Guesses that arrive at once: every budget is reserved before bcrypt runs, so of 30 concurrent wrong passwords
 * exactly the budget is compared (401) and the rest are refused unseen (429), on either limiter store.
 */
function concurrentGuesses(title: string, env: Record<string, string>) {
  describe(title, () => {
    const BUDGET = 10;
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({
        ...env,
        RATE_LIMITS_ENABLED: "true",
        TRUST_PROXY_HOPS: "1",
        // A real cost, so comparisons take long enough (~50 ms) for the guesses to be in flight together.
        BCRYPT_COST: "10",
        RATE_LIMIT_LOGIN_PER_IP: "1000",
        RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_IP: String(BUDGET),
        RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: "50",
      });
    });
    afterAll(() => server?.stop());
    afterEach(() => vi.restoreAllMocks());

    it("30 concurrent wrong guesses from one IP: exactly the budget is compared, the rest get 429; the owner still logs in", async () => {
      const creds = await account(server, randomIp());
      const attacker = randomIp();
      const compare = vi.spyOn(BcryptPasswordHasher.prototype, "verify");
      const guesses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          server.client().post("/login", { json: { email: creds.email, password: `wrong guess ${i}` }, headers: { "x-forwarded-for": attacker } }),
        ),
      );
      const statuses = guesses.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(BUDGET);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30 - BUDGET);
      expect(compare).toHaveBeenCalledTimes(BUDGET);

      const owner = await server.client().post("/login", { json: creds, headers: { "x-forwarded-for": randomIp() } });
      expect(owner.status).toBe(200);
      // And the attacker's IP stays blocked for this account even with the right password.
      const attackerWithPassword = await server.client().post("/login", { json: creds, headers: { "x-forwarded-for": attacker } });
      expect(attackerWithPassword.status).toBe(429);
    });
  });
}

concurrentGuesses("concurrent guesses, in-memory limiter", {});
describe.skipIf(skip !== null)(skip ? `concurrent guesses, Redis limiter (skipped: ${skip})` : "concurrent guesses, Redis limiter", () => {
  concurrentGuesses("shared Redis budget", { REDIS_URL: TEST_REDIS_URL });
});
