import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisProcess } from "../support/redisProcess.js";
import { loggedInClient, startTestServer, type TestClient, type TestServer } from "../support/testServer.js";

let redis: RedisProcess;
let server: TestServer;
let client: TestClient;
let credentials: { email: string; password: string };

beforeAll(async () => {
  redis = await RedisProcess.start();
  server = await startTestServer({ REDIS_URL: redis.url, RATE_LIMITS_ENABLED: "true" });
  ({ client, credentials } = await loggedInClient(server));
});
afterAll(async () => {
  await server?.stop();
  await redis?.stop();
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("accounts while Redis is down", () => {
  it("fail closed with 503 (never 500, never a pass), logins included, and recover when Redis returns", async () => {
    expect((await client.get("/readyz")).body.checks).toEqual({ redis: "ok" });
    await redis.kill();

    const view = await client.get("/profile/view");
    expect(view.status).toBe(503);
    expect(view.body.error.code).toBe("SERVICE_UNAVAILABLE");
    const ready = await client.get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.error).toEqual({ code: "NOT_READY", message: "Unavailable: redis", details: { redis: "unavailable" } });
    // Sessions live in Redis: a login could not record one, so it is refused the same way (rate limits alone would
    // fall back to per-process memory).
    const login = await server.client().post("/login", { json: credentials });
    expect(login.status).toBe(503);
    expect(login.body.error.code).toBe("SERVICE_UNAVAILABLE");

    await redis.restart();
    await until(async () => (await client.get("/readyz")).status === 200);
    expect((await client.get("/profile/view")).status).toBe(200);
    expect((await server.client().post("/login", { json: credentials })).status).toBe(200);
  });
});
