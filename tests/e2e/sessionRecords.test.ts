import { mkdtempSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../support/accountsKit.js";
import { waitFor } from "../support/smtpSink.js";
import { SESSION_COOKIE, signupBody, startTestServer, type TestClient, type TestServer } from "../support/testServer.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1";
const CURL = "curl/8.5.0";

const mailDir = mkdtempSync(join(tmpdir(), "bazaar-sessions-mail-"));
// Starts at the real time: JWTs are stamped with it; the session records follow this clock.
const clock = new TestClock(new Date());
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MAIL_DIR: mailDir }, { clock });
});
afterAll(() => server.stop());

interface Account {
  email: string;
  password: string;
}

async function account(on: TestServer = server): Promise<Account> {
  const body = signupBody();
  const res = await on.client().post("/signup", { json: body });
  expect(res.status).toBe(201);
  return { email: body.email, password: body.password };
}

/** A browser of its own: its cookie jar and its User-Agent. */
async function device(who: Account, userAgent: string, on: TestServer = server): Promise<TestClient> {
  const client = on.client();
  await signIn(client, who, userAgent);
  return client;
}

async function signIn(client: TestClient, who: Account, userAgent: string): Promise<void> {
  const res = await client.post("/login", { json: who, headers: { "user-agent": userAgent } });
  expect(res.status).toBe(200);
}

const listOf = async (client: TestClient) => {
  const res = await client.get("/sessions");
  expect(res.status).toBe(200);
  return res.body.sessions as Array<Record<string, unknown>>;
};
const works = async (client: TestClient) => (await client.get("/profile/view")).status === 200;

describe("GET /sessions, DELETE /sessions/:id", () => {
  it("two devices: each lists both, itself as the one current session, and no token", async () => {
    const ada = await account();
    const laptop = await device(ada, FIREFOX);
    const phone = await device(ada, PHONE);

    const fromLaptop = await laptop.get("/sessions");
    expect(fromLaptop.status).toBe(200);
    expect(Object.keys(fromLaptop.body)).toEqual(["sessions"]);
    const sessions = fromLaptop.body.sessions as Array<Record<string, unknown>>;
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      expect(Object.keys(s).sort()).toEqual(["createdAt", "current", "expiresAt", "id", "ip", "lastSeenAt", "userAgent"]);
      expect(s.ip).toBe("127.0.0.1");
      for (const field of ["createdAt", "lastSeenAt", "expiresAt"]) expect(new Date(s[field] as string).toISOString()).toBe(s[field]);
    }
    expect(sessions.filter((s) => s.current).map((s) => s.userAgent)).toEqual([FIREFOX]);
    expect((await listOf(phone)).filter((s) => s.current).map((s) => s.userAgent)).toEqual([PHONE]);
    for (const token of [laptop.cookie!, phone.cookie!]) {
      expect(fromLaptop.text).not.toContain(token);
      expect(fromLaptop.text).not.toContain(token.split(".")[2]);
    }
  });

  it("ends one device from the other: its cookie stops working at once, and it leaves the list", async () => {
    const ada = await account();
    const laptop = await device(ada, FIREFOX);
    const phone = await device(ada, PHONE);
    const phoneId = (await listOf(laptop)).find((s) => s.userAgent === PHONE)!.id as string;

    const res = await laptop.delete(`/sessions/${phoneId}`);
    expect(res.status).toBe(204);
    expect(await works(phone)).toBe(false);
    expect(await works(laptop)).toBe(true);
    expect((await listOf(laptop)).map((s) => s.userAgent)).toEqual([FIREFOX]);
    expect((await laptop.delete(`/sessions/${phoneId}`)).status).toBe(404);
  });

  it("answers 404 for another user's session (never 403) and leaves it alive", async () => {
    const ada = await account();
    const mallory = await device(await account(), CURL);
    const adas = await device(ada, FIREFOX);
    const adasId = (await listOf(adas))[0]!.id as string;

    const res = await mallory.delete(`/sessions/${adasId}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("SESSION_NOT_FOUND");
    expect((await mallory.delete("/sessions/no-such-session")).body).toEqual(res.body);
    expect(await works(adas)).toBe(true);
  });

  it("needs a session, and refuses a malformed id with a 400", async () => {
    expect((await server.client().get("/sessions")).status).toBe(401);
    expect((await server.client().delete("/sessions/x")).status).toBe(401);
    const ada = await device(await account(), FIREFOX);
    expect((await ada.delete(`/sessions/${"x".repeat(200)}`)).status).toBe(400);
  });
});

describe("POST /sessions/revoke-others", () => {
  it("ends every other device and keeps this one", async () => {
    const ada = await account();
    const laptop = await device(ada, FIREFOX);
    const phone = await device(ada, PHONE);
    const script = await device(ada, CURL);
    const bob = await device(await account(), FIREFOX);

    const res = await laptop.post("/sessions/revoke-others");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: 2 });
    expect([await works(laptop), await works(phone), await works(script), await works(bob)]).toEqual([true, false, false, true]);
    expect((await listOf(laptop)).map((s) => s.current)).toEqual([true]);
  });
});

describe("lifetimes (idle 7 days, absolute 30 days, by the injected clock)", () => {
  it("a session used within the idle timeout slides on, renewing the cookie; left idle for 7 days it ends", async () => {
    const ada = await device(await account(), FIREFOX);
    clock.advance(7 * DAY - MINUTE);
    const used = await ada.get("/profile/view");
    expect(used.status).toBe(200);
    const renewed = used.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(renewed).toMatch(/Max-Age=\d+/);
    expect((await listOf(ada))[0]!.lastSeenAt).toBe(clock.now().toISOString());
    // A second request within the minute neither writes nor renews.
    expect((await ada.get("/profile/view")).headers.getSetCookie()).toEqual([]);

    clock.advance(7 * DAY - MINUTE);
    expect(await works(ada)).toBe(true);
    clock.advance(7 * DAY);
    const idle = await ada.get("/profile/view");
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("a session in daily use still ends 30 days after login, and its expiry never goes past that", async () => {
    const ada = await device(await account(), FIREFOX);
    const absolute = clock.now().getTime() + 30 * DAY;
    for (let day = 1; day < 30; day++) {
      clock.advance(DAY);
      expect(await works(ada)).toBe(true);
    }
    const [session] = await listOf(ada);
    expect(new Date(session!.expiresAt as string).getTime()).toBe(absolute);
    clock.advance(DAY);
    expect(await works(ada)).toBe(false);
  });
});

describe("login", () => {
  it("with a still-valid cookie of the same user ends that older session (rotation)", async () => {
    const ada = await account();
    const laptop = await device(ada, FIREFOX);
    const older = laptop.cookie!;
    await signIn(laptop, ada, FIREFOX);
    expect(laptop.cookie).not.toBe(older);
    const replay = await server.client().get("/profile/view", { headers: { cookie: `${SESSION_COOKIE}=${older}` } });
    expect(replay.status).toBe(401);
    expect((await listOf(laptop)).map((s) => s.current)).toEqual([true]);
  });

  it("a fresh password change cookie gets a session record of its own; the others end", async () => {
    const ada = await account();
    const laptop = await device(ada, FIREFOX);
    const phone = await device(ada, PHONE);
    const res = await laptop.patch("/profile/changePassword", {
      json: { oldPassword: ada.password, newPassword: "an entirely new passphrase" },
      headers: { "user-agent": FIREFOX },
    });
    expect(res.status).toBe(200);
    expect(await works(phone)).toBe(false);
    expect((await listOf(laptop)).map((s) => [s.userAgent, s.current])).toEqual([[FIREFOX, true]]);
  });
});

describe("the cap on live sessions (SESSION_MAX_PER_USER)", () => {
  let capped: TestServer;
  beforeAll(async () => {
    capped = await startTestServer({ SESSION_MAX_PER_USER: "3", MAIL_DIR: mailDir });
  });
  afterAll(() => capped.stop());

  it("ends the oldest session when a login goes beyond it", async () => {
    const ada = await account(capped);
    const devices: TestClient[] = [];
    for (const ua of [FIREFOX, PHONE, CURL, "Fourth/1.0"]) devices.push(await device(ada, ua, capped));
    expect(await Promise.all(devices.map(works))).toEqual([false, true, true, true]);
    expect((await listOf(devices[3]!)).map((s) => s.userAgent)).toEqual(["Fourth/1.0", CURL, PHONE]);
  });
});

describe("the new-sign-in notice", () => {
  const noticesTo = async (email: string) => {
    const names = (await readdir(mailDir)).filter((f) => f.includes("new-sign-in") && f.endsWith(".eml"));
    const mails = await Promise.all(names.map((f) => readFile(join(mailDir, f), "utf8")));
    return mails.filter((m) => m.includes(email));
  };

  it("is sent once per new browser and IP, and not for a device the user already has a session on", async () => {
    const ada = await account();
    await device(ada, FIREFOX);
    expect(await waitFor(async () => (await noticesTo(ada.email)).length === 1)).toBe(true);
    await device(ada, FIREFOX); // known browser and IP: no notice
    await device(ada, PHONE); // a new browser: one more
    expect(await waitFor(async () => (await noticesTo(ada.email)).length >= 2)).toBe(true);
    // The outbox keeps order: had the known device raised a notice, it would have been sent before the phone's.
    await new Promise((r) => setTimeout(r, 300));
    const notices = await noticesTo(ada.email);
    expect(notices).toHaveLength(2);
    expect(notices.filter((m) => m.includes("Firefox/130.0"))).toHaveLength(1);
    expect(notices.filter((m) => m.includes("iPhone"))).toHaveLength(1);
  });
});
