import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventMessage } from "../../src/application/ports/EventBus.js";
import { DAY_MS } from "../../src/application/users/deletion/AccountDeletionPolicy.js";
import { startApi, type RunningApi } from "../../src/composition/api.js";
import { EVENT_BUS } from "../../src/composition/tokens.js";
import { USER_DELETED } from "../../src/domain/users/UserEvents.js";
import { TestClock } from "../support/accountsKit.js";
import { deleteKeys, silent, uniquePrefix } from "../support/eventsKit.js";
import { describeWithRedis, TEST_REDIS_URL } from "../support/redis.js";
import { SmtpSink, waitFor } from "../support/smtpSink.js";
import { TestClient, testConfig } from "../support/testServer.js";

const NOTICE = "Your Bazaar account is scheduled for deletion";
const PUBLIC_URL = "https://bazaar.example";

/**
 * The embedded default (users, sessions, tokens and events in memory, the worker and the erasure job inside the API)
 * with a settable clock, so the 14-day grace period passes in an instant; mail goes to a real SMTP sink.
 */
describe("Account deletion on the embedded default: delete, restore, delete again, erased after the grace period", () => {
  const clock = new TestClock(new Date());
  const sink = new SmtpSink();
  const deleted: EventMessage[] = [];
  let api: RunningApi;
  const email = `leaver-${Date.now()}@example.com`;
  const password = "a long enough passphrase";

  beforeAll(async () => {
    await sink.start();
    const config = testConfig({
      SMTP_URL: sink.url,
      SMTP_RETRIES: "0",
      PUBLIC_URL,
      ACCOUNT_ERASURE_INTERVAL_MS: "20",
      OUTBOX_POLL_MS: "50",
    });
    api = await startApi(config, silent, { clock });
    // Another consumer of user:deleted, as a downstream service would be.
    await api.runtime.container.resolve(EVENT_BUS).subscribe(USER_DELETED, "e2e-downstream", async (m) => void deleted.push(m));
  });
  afterAll(async () => {
    await api?.stop();
    await sink.stop();
  });

  const client = () => new TestClient(api.url);
  const login = (c: TestClient, pw = password) => c.post("/login", { json: { email, password: pw } });
  const restoreTokens = () =>
    sink.to(email).filter((m) => m.subject === NOTICE).map((m) => {
      const link = /https:\/\/bazaar\.example\/account\/restore\?token=([A-Za-z0-9_-]{43})/u.exec(m.text);
      return link![1]!;
    });

  it("runs the whole story", async () => {
    const laptop = client();
    const phone = client();
    const signup = await laptop.post("/signup", { json: { email, password, firstName: "Leaver" } });
    expect(signup.status).toBe(201);
    expect((await login(laptop)).status).toBe(200);
    expect((await login(phone)).status).toBe(200);
    const phoneCookie = phone.cookie;

    // The password is asked again; a wrong one changes nothing.
    const wrong = await laptop.request("DELETE", "/account", { json: { password: "not the password" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("WRONG_PASSWORD");
    expect((await phone.get("/profile/view")).status).toBe(200);
    expect((await laptop.request("DELETE", "/account", { json: {} })).status).toBe(400);

    // Deletion: disabled at once, every session dead, login answers as for a wrong password.
    const del = await laptop.request("DELETE", "/account", { json: { password } });
    expect(del.status).toBe(202);
    expect(new Date(del.body.eraseAfter).getTime()).toBe(clock.now().getTime() + 14 * DAY_MS);
    expect(laptop.cookie).toBeNull();
    expect((await phone.get("/profile/view")).status).toBe(401);
    phone.cookie = phoneCookie;
    expect((await phone.get("/profile/view")).status).toBe(401);
    const refused = await login(client());
    const wrongPassword = await login(client(), "not the password");
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual(wrongPassword.body.error);
    expect(refused.body.error.code).toBe("INVALID_CREDENTIALS");

    // The notice arrives with a restore link; bad tokens get INVALID_TOKEN.
    expect(await waitFor(() => restoreTokens().length === 1)).toBe(true);
    const [token] = restoreTokens();
    for (const bad of ["A".repeat(43), "nope"]) {
      const res = await client().post("/account/restore", { json: { token: bad } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("INVALID_TOKEN");
    }

    // Restore: the owner logs in again; the old sessions stay ended; the link works once.
    expect((await client().post("/account/restore", { json: { token } })).status).toBe(204);
    expect((await client().post("/account/restore", { json: { token } })).body.error.code).toBe("INVALID_TOKEN");
    expect((await phone.get("/profile/view")).status).toBe(401);
    const back = client();
    expect((await login(back)).status).toBe(200);
    expect((await back.get("/profile/view")).body.email).toBe(email);

    // Delete again, then let the grace period pass: the erasure job erases the account.
    expect((await back.request("DELETE", "/account", { json: { password } })).status).toBe(202);
    expect(await waitFor(() => restoreTokens().length === 2)).toBe(true);
    const secondToken = restoreTokens()[1]!;
    clock.advance(14 * DAY_MS - 60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect((await client().post("/signup", { json: { email, password, firstName: "Again" } })).status).toBe(409);
    clock.advance(60_000);

    // The address is free for a new signup once the job has run.
    const newcomer = client();
    let status = 0;
    expect(await waitFor(async () => (status = (await newcomer.post("/signup", { json: { email, password: "another long passphrase", firstName: "Newcomer" } })).status) === 201)).toBe(true);
    expect(status).toBe(201);
    expect((await client().post("/account/restore", { json: { token: secondToken } })).body.error.code).toBe("INVALID_TOKEN");
    expect((await login(client())).status).toBe(401);
    expect((await login(newcomer, "another long passphrase")).status).toBe(200);
    const profile = (await newcomer.get("/profile/view")).body;
    expect(profile.firstName).toBe("Newcomer");
    expect(profile.id).not.toBe(signup.body.id);

    // user:deleted reached other consumers, once, with the id and nothing personal.
    expect(await waitFor(() => deleted.length > 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(deleted.map((m) => m.data)).toEqual([{ userId: signup.body.id, erasedAt: expect.any(String) }]);
    expect(JSON.stringify(deleted[0])).not.toContain(email);
  });
});

/**
 * With Redis the notification worker is a separate process by default; without MongoDB the users still live in the
 * API's memory, where no separate worker can reach them: the API then runs the erasure job itself.
 */
await describeWithRedis("Account erasure in the API process when users are in memory and the worker is separate", (redis) => {
  it("erases a deleted account after the grace period", async () => {
    const clock = new TestClock(new Date());
    const prefix = uniquePrefix("erasure-api");
    const config = testConfig({
      REDIS_URL: TEST_REDIS_URL,
      EVENT_STREAM_PREFIX: prefix,
      ACCOUNT_ERASURE_INTERVAL_MS: "20",
    });
    expect(config.notifications.inProcess).toBe(false);
    const api = await startApi(config, silent, { clock });
    try {
      const c = new TestClient(api.url);
      const email = `api-erasure-${Date.now()}@example.com`;
      const password = "a long enough passphrase";
      expect((await c.post("/signup", { json: { email, password, firstName: "Leaver" } })).status).toBe(201);
      expect((await c.post("/login", { json: { email, password } })).status).toBe(200);
      expect((await c.request("DELETE", "/account", { json: { password } })).status).toBe(202);
      clock.advance(14 * DAY_MS);
      const again = new TestClient(api.url);
      expect(await waitFor(async () => (await again.post("/signup", { json: { email, password, firstName: "Again" } })).status === 201)).toBe(true);
    } finally {
      await api.stop();
      await deleteKeys(redis().client, prefix);
    }
  });
});
