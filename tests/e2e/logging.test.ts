import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/infrastructure/config/config.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { startApi, type RunningApi } from "../../src/composition/api.js";
import { TEST_SECRET } from "../support/accountsKit.js";
import { TestClient } from "../support/testServer.js";

const lines: string[] = [];
let server: RunningApi;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: "test", JWT_SECRET: TEST_SECRET, BCRYPT_COST: "4", PORT: "0", HOST: "127.0.0.1", RATE_LIMITS_ENABLED: "false", MAIL_DIR: mkdtempSync(join(tmpdir(), "bazaar-logging-")) });
  server = await startApi(config, createLogger("trace", sink));
});
afterAll(() => server.stop());

describe("logs", () => {
  it("carry one access line per request with a request id, and never a password, token or secret", async () => {
    const password = "very secret passphrase 42";
    const client = new TestClient(server.url);
    await client.post("/signup", { json: { email: "logs@example.com", password, firstName: "Log" } });
    await client.post("/login", { json: { email: "logs@example.com", password } });
    await client.get("/profile/view");
    await client.get("/profile/view", { headers: { authorization: `Bearer ${client.cookie}` } });
    await client.patch("/profile/changePassword", { json: { oldPassword: password, newPassword: `${password}!` } });
    await client.post("/login", { json: { email: "logs@example.com", password: "wrong password here" } });

    const all = lines.join("\n");
    expect(client.cookie).toBeTruthy();
    for (const secret of [password, client.cookie!, TEST_SECRET, "$2b$"]) expect(all).not.toContain(secret);
    const access = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
    expect(access.length).toBeGreaterThanOrEqual(6);
    for (const entry of access) expect(entry.reqId).toEqual(expect.any(String));
  });
});
