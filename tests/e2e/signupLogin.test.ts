import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { SESSION_COOKIE, signupBody, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe("POST /signup", () => {
  it("creates the account and returns the public user without any secret", async () => {
    const res = await server.client().post("/signup", { json: signupBody({ email: "  Grace.Hopper@Example.COM ", lastName: "Hopper" }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "grace.hopper@example.com", firstName: "Test", lastName: "Hopper", skills: [], photoUrl: null });
    expect(Object.keys(res.body).sort()).toEqual(
      ["about", "age", "createdAt", "email", "emailVerified", "emailVerifiedAt", "firstName", "gender", "id", "lastName", "pendingEmail", "photoUrl", "skills", "updatedAt"].sort(),
    );
    expect(res.text).not.toMatch(/password|\$2b\$/i);
  });

  it("answers 409 EMAIL_TAKEN for an email that differs only in case or Unicode form", async () => {
    const client = server.client();
    expect((await client.post("/signup", { json: signupBody({ email: "rene\u0301@example.com" }) })).status).toBe(201);
    const again = await client.post("/signup", { json: signupBody({ email: "REN\u00c9@example.com" }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("EMAIL_TAKEN");
  });

  it.each([
    [{ password: "short" }, "WEAK_PASSWORD"],
    [{ password: "password1234" }, "WEAK_PASSWORD"],
    [{ email: "no-at-sign" }, "INVALID_EMAIL"],
    [{ firstName: "" }, "VALIDATION_FAILED"],
    [{ firstName: undefined }, "VALIDATION_FAILED"],
    [{ role: "admin" }, "VALIDATION_FAILED"],
  ])("refuses %j with 400 %s", async (over, code) => {
    const res = await server.client().post("/signup", { json: signupBody(over) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });
});

describe("POST /login", () => {
  it("sets a hardened session cookie whose Max-Age matches the session's idle expiry, within the token's life", async () => {
    const client = server.client();
    const body = signupBody();
    await client.post("/signup", { json: body });
    const res = await client.post("/login", { json: { email: body.email.toUpperCase(), password: body.password } });

    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(body.email);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Secure/i);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)![1]);
    expect(maxAge).toBeGreaterThan(7 * 86_400 - 5);
    expect(Math.abs(Date.now() / 1000 + maxAge - Date.parse(res.body.expiresAt) / 1000)).toBeLessThanOrEqual(2);
    const exp = JSON.parse(Buffer.from(client.cookie!.split(".")[1]!, "base64url").toString()).exp as number;
    expect(exp).toBeGreaterThanOrEqual(Date.parse(res.body.expiresAt) / 1000);
    expect(res.text).not.toContain(client.cookie!);
  });

  it("gives the same status and body for an unknown email and a wrong password", async () => {
    const client = server.client();
    const body = signupBody();
    await client.post("/signup", { json: body });
    const wrong = await client.post("/login", { json: { email: body.email, password: "not the right one" } });
    const unknown = await client.post("/login", { json: { email: "nobody-here@example.com", password: body.password } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it("takes roughly the same time for an unknown email as for a wrong password", async () => {
    // A realistic cost makes bcrypt, not scheduling noise, dominate each sample.
    const slow = await startTestServer({ BCRYPT_COST: "9" });
    onTestFinished(() => slow.stop());
    const client = slow.client();
    const body = signupBody();
    await client.post("/signup", { json: body });
    const time = async (email: string) => {
      const started = performance.now();
      await client.post("/login", { json: { email, password: "not the right one" } });
      return performance.now() - started;
    };
    await time("warm-up@example.com");
    const median = async (email: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) samples.push(await time(email));
      return samples.sort((a, b) => a - b)[3]!;
    };
    const known = await median(body.email);
    const unknown = await median("nobody-at-all@example.com");
    // Both pay one bcrypt comparison; without the dummy hash the unknown email is ~10x faster (ratio ~0.1).
    // Wide bounds keep this meaningful on a loaded 2-core machine.
    expect(unknown / known).toBeGreaterThan(0.4);
    expect(unknown / known).toBeLessThan(2.5);
  });
});
