import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailedLinks, mailsTo, waitForLink } from "../support/mailLinks.js";
import { pageUrl, PUBLIC_URL, signUp, startRecoveryServer, type Server } from "../support/recoveryServer.js";
import { signupBody } from "../support/testServer.js";

async function logIn(server: Server, email: string, password: string) {
  const client = server.client();
  const res = await client.post("/login", { json: { email, password } });
  expect(res.status).toBe(200);
  return client;
}

const link = async (server: Server, to: string, linkPath: string, after = 0) => {
  const found = await waitForLink(server.mailDir, to, linkPath, { after });
  expect(found, `a ${linkPath} link to ${to}`).not.toBeNull();
  return found!;
};

describe("account recovery on the embedded default", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startRecoveryServer();
  });
  afterAll(async () => {
    await server?.api.stop();
  });

  it("signup sends one welcome email carrying the verification link; POST /email/verify verifies once", async () => {
    const { client, email, user } = await signUp(server);
    expect(user).toMatchObject({ emailVerified: false, emailVerifiedAt: null, pendingEmail: null });
    const verify = await link(server, email, "/email/verify");
    expect(verify.subject).toBe("Welcome to Bazaar");
    expect(verify.url.startsWith(`${PUBLIC_URL}/email/verify?token=`)).toBe(true);

    const first = await client.post("/email/verify", { json: { token: verify.token } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ email, emailVerified: true });
    const again = await client.post("/email/verify", { json: { token: verify.token } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("INVALID_TOKEN");

    const me = await client.get("/profile/view");
    expect(me.body).toMatchObject({ emailVerified: true, emailVerifiedAt: expect.any(String) });
  });

  it("a scanner-style GET on every link opens a safe page and leaves the token usable", async () => {
    const { email, password } = await signUp(server);
    const verify = await link(server, email, "/email/verify");
    const page = await fetch(pageUrl(server, verify));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[^']+'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|https?:/);
    const html = await page.text();
    expect(html).not.toContain(verify.token);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect((await server.client().post("/email/verify", { json: { token: verify.token } })).status).toBe(200);

    // Reset, confirm and undo links: each page opened first, each token still works after.
    const anon = server.client();
    expect((await anon.post("/password/forgot", { json: { email } })).status).toBe(202);
    const reset = await link(server, email, "/password/reset");
    expect((await fetch(pageUrl(server, reset))).status).toBe(200);
    expect((await anon.post("/password/reset", { json: { token: reset.token, newPassword: "another long passphrase 2" } })).status).toBe(200);

    const client = await logIn(server, email, "another long passphrase 2");
    const newEmail = `moved-${Math.random().toString(36).slice(2)}@example.com`;
    expect((await client.post("/profile/email", { json: { newEmail, password: "another long passphrase 2" } })).status).toBe(202);
    const confirm = await link(server, newEmail, "/email/change/confirm");
    expect((await fetch(pageUrl(server, confirm))).status).toBe(200);
    expect((await anon.post("/email/change/confirm", { json: { token: confirm.token } })).status).toBe(200);
    const undo = await link(server, email, "/email/change/undo");
    expect((await fetch(pageUrl(server, undo))).status).toBe(200);
    expect((await anon.post("/email/change/undo", { json: { token: undo.token } })).status).toBe(200);
    void password;
  });

  it("serves a page for every link path, /account/restore included", async () => {
    for (const p of ["/email/verify", "/password/reset", "/email/change/confirm", "/email/change/undo", "/account/restore"]) {
      const res = await fetch(`${server.api.url}${p}?token=abc`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get("referrer-policy"), p).toBe("no-referrer");
      expect(await res.text(), p).toContain("<form");
    }
  });

  it("POST /password/forgot: the same status and body for a known and an unknown address; one email only to the known", async () => {
    const { email } = await signUp(server);
    const anon = server.client();
    const known = await anon.post("/password/forgot", { json: { email: email.toUpperCase() } });
    const unknown = await anon.post("/password/forgot", { json: { email: `nobody-${Date.now()}@example.com` } });
    const cooling = await anon.post("/password/forgot", { json: { email } });
    for (const res of [unknown, cooling]) {
      expect(res.status).toBe(known.status);
      expect(res.text).toBe(known.text);
      expect([...res.headers.keys()].sort()).toEqual([...known.headers.keys()].sort());
    }
    expect(known.status).toBe(202);
    await link(server, email, "/password/reset");
    await new Promise((r) => setTimeout(r, 200));
    // The second request fell in the cooldown: still one reset email.
    expect((await mailedLinks(server.mailDir)).filter((l) => l.to === email && l.path === "/password/reset")).toHaveLength(1);
  });

  it("a reset ends every session, sends a notice, cancels other links, and the caller is not logged in", async () => {
    const { email, password } = await signUp(server);
    const verify = await link(server, email, "/email/verify");
    const [a, b] = [await logIn(server, email, password), await logIn(server, email, password)];
    expect((await a.get("/profile/view")).status).toBe(200);
    expect((await b.get("/profile/view")).status).toBe(200);

    const anon = server.client();
    await anon.post("/password/forgot", { json: { email } });
    const reset = await link(server, email, "/password/reset");
    const weak = await anon.post("/password/reset", { json: { token: reset.token, newPassword: "password" } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("WEAK_PASSWORD");
    const done = await anon.post("/password/reset", { json: { token: reset.token, newPassword: "a fresh passphrase 99" } });
    expect(done.status).toBe(200);
    expect(anon.cookie).toBeNull();
    expect(done.headers.getSetCookie()).toEqual([]);

    expect((await a.get("/profile/view")).status).toBe(401);
    expect((await b.get("/profile/view")).status).toBe(401);
    expect((await server.client().post("/login", { json: { email, password } })).status).toBe(401);
    await logIn(server, email, "a fresh passphrase 99");
    // The verification link sent before the reset was cancelled (the reset itself proved the address).
    expect((await anon.post("/email/verify", { json: { token: verify.token } })).body.error.code).toBe("INVALID_TOKEN");
    const deadline = Date.now() + 5_000;
    while (!(await mailsTo(server.mailDir, email)).some((m) => m.subject === "Your Bazaar password was reset") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    expect((await mailsTo(server.mailDir, email)).filter((m) => m.subject === "Your Bazaar password was reset")).toHaveLength(1);
  });

  it("two concurrent uses of one token: exactly one success", async () => {
    const { email } = await signUp(server);
    const verify = await link(server, email, "/email/verify");
    const results = await Promise.all(Array.from({ length: 6 }, () => server.client().post("/email/verify", { json: { token: verify.token } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
  });

  it("a token of another purpose, an unknown one and a malformed one: 400 INVALID_TOKEN with one message", async () => {
    const { email } = await signUp(server);
    const verify = await link(server, email, "/email/verify");
    const anon = server.client();
    const answers = [
      await anon.post("/password/reset", { json: { token: verify.token, newPassword: "a fresh passphrase 99" } }),
      await anon.post("/email/change/confirm", { json: { token: verify.token } }),
      await anon.post("/email/change/undo", { json: { token: "A".repeat(43) } }),
      await anon.post("/email/verify", { json: { token: "not-a-token" } }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: "INVALID_TOKEN", message: answers[0]!.body.error.message } });
    }
    // Tried for other purposes, the verification token is not used up.
    expect((await anon.post("/email/verify", { json: { token: verify.token } })).status).toBe(200);
  });

  it("POST /email/verification: 401 without a session, 202 with one, a fresh link, then the cooldown (still 202)", async () => {
    const { client, email } = await signUp(server);
    expect((await server.client().post("/email/verification")).status).toBe(401);
    await link(server, email, "/email/verify");
    const first = await client.post("/email/verification");
    expect(first.status).toBe(202);
    const fresh = await link(server, email, "/email/verify", 1);
    const second = await client.post("/email/verification");
    expect(second.status).toBe(202);
    expect(second.text).toBe(first.text);
    await new Promise((r) => setTimeout(r, 200));
    expect((await mailedLinks(server.mailDir)).filter((l) => l.to === email && l.path === "/email/verify")).toHaveLength(2);
    // The fresh link cancelled the welcome's.
    expect((await client.post("/email/verify", { json: { token: fresh.token } })).status).toBe(200);
  });

  it("email change: password required, pending until confirmed, taken addresses refused, then the undo flow end to end", async () => {
    const owner = await signUp(server);
    const other = await signUp(server);
    const newEmail = `new-${Math.random().toString(36).slice(2)}@example.com`;
    const wrong = await owner.client.post("/profile/email", { json: { newEmail, password: "not my password" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("WRONG_PASSWORD");
    const taken = await owner.client.post("/profile/email", { json: { newEmail: other.email, password: owner.password } });
    expect(taken.status).toBe(409);
    expect((await owner.client.post("/profile/email", { json: { newEmail: owner.email, password: owner.password } })).body.error.code).toBe("EMAIL_UNCHANGED");
    expect((await server.client().post("/profile/email", { json: { newEmail, password: owner.password } })).status).toBe(401);

    expect((await owner.client.post("/profile/email", { json: { newEmail, password: owner.password } })).status).toBe(202);
    const pending = await owner.client.get("/profile/view");
    expect(pending.body).toMatchObject({ email: owner.email, pendingEmail: newEmail });
    const confirm = await link(server, newEmail, "/email/change/confirm");
    const confirmed = await server.client().post("/email/change/confirm", { json: { token: confirm.token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ email: newEmail, emailVerified: true });
    expect((await owner.client.get("/profile/view")).body).toMatchObject({ email: newEmail, pendingEmail: null, emailVerified: true });
    // The session survives a confirmed change; logging in now takes the new address.
    expect((await server.client().post("/login", { json: { email: newEmail, password: owner.password } })).status).toBe(200);

    // The old address got the notice with the undo link.
    const undo = await link(server, owner.email, "/email/change/undo");
    expect(undo.subject).toMatch(/was changed/);
    const undone = await server.client().post("/email/change/undo", { json: { token: undo.token } });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ email: owner.email });
    expect((await owner.client.get("/profile/view")).status).toBe(401);
    // The password no longer works, at either address; a reset link went to the restored address.
    expect((await server.client().post("/login", { json: { email: owner.email, password: owner.password } })).status).toBe(401);
    expect((await server.client().post("/login", { json: { email: newEmail, password: owner.password } })).status).toBe(401);
    const reset = await link(server, owner.email, "/password/reset");
    expect((await server.client().post("/password/reset", { json: { token: reset.token, newPassword: "taken back for good 42" } })).status).toBe(200);
    await logIn(server, owner.email, "taken back for good 42");
    expect((await server.client().post("/email/change/undo", { json: { token: undo.token } })).status).toBe(400);
  });

  it("no token appears in any log line", async () => {
    const tokens = (await mailedLinks(server.mailDir)).map((l) => l.token);
    expect(tokens.length).toBeGreaterThan(5);
    const log = server.lines.join("");
    expect(log).toContain('"path":"/email/verify"');
    for (const token of tokens) expect(log).not.toContain(token);
  });
});

describe("settings", () => {
  it("REQUIRE_VERIFIED_EMAIL: 403 EMAIL_NOT_VERIFIED after the password check, 200 once verified", async () => {
    const server = await startRecoveryServer({ REQUIRE_VERIFIED_EMAIL: "true" });
    try {
      const { email, password } = signupBody() as { email: string; password: string };
      expect((await server.client().post("/signup", { json: { email, password, firstName: "Test" } })).status).toBe(201);
      const wrong = await server.client().post("/login", { json: { email, password: "not the password" } });
      expect(wrong.status).toBe(401);
      const unverified = await server.client().post("/login", { json: { email, password } });
      expect(unverified.status).toBe(403);
      expect(unverified.body.error.code).toBe("EMAIL_NOT_VERIFIED");
      const verify = await link(server, email, "/email/verify");
      expect((await server.client().post("/email/verify", { json: { token: verify.token } })).status).toBe(200);
      await logIn(server, email, password);
    } finally {
      await server.api.stop();
    }
  });

  it("an expired token is refused; links point at PUBLIC_APP_URL when set", async () => {
    const server = await startRecoveryServer({ TOKEN_TTL_VERIFY_EMAIL_SECONDS: "1", PUBLIC_APP_URL: "https://app.bazaar.example/" });
    try {
      const { email } = await signUp(server);
      const verify = await link(server, email, "/email/verify");
      expect(verify.url.startsWith("https://app.bazaar.example/email/verify?token=")).toBe(true);
      await new Promise((r) => setTimeout(r, 1_200));
      const res = await server.client().post("/email/verify", { json: { token: verify.token } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("INVALID_TOKEN");
    } finally {
      await server.api.stop();
    }
  });

  it("every new route is in the OpenAPI document", async () => {
    const server = await startRecoveryServer();
    try {
      const doc = (await server.client().get("/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
      const expected: Array<[string, string]> = [
        ["/email/verify", "post"],
        ["/email/verification", "post"],
        ["/password/forgot", "post"],
        ["/password/reset", "post"],
        ["/profile/email", "post"],
        ["/email/change/confirm", "post"],
        ["/email/change/undo", "post"],
        ["/email/verify", "get"],
        ["/password/reset", "get"],
        ["/email/change/confirm", "get"],
        ["/email/change/undo", "get"],
        ["/account/restore", "get"],
      ];
      for (const [p, method] of expected) expect(doc.paths[p]?.[method], `${method.toUpperCase()} ${p}`).toBeDefined();
    } finally {
      await server.api.stop();
    }
  });
});
