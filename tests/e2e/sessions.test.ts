import { generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET } from "../support/accountsKit.js";
import { loggedInClient, SESSION_COOKIE, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const claims = (sub: string) => ({ sub, sv: 0, jti: "forged-jti", iss: "bazaar", aud: "bazaar-api" });

describe("GET /profile/view", () => {
  it("returns the current user from the cookie, and from a Bearer header", async () => {
    const { client, user } = await loggedInClient(server);
    const viaCookie = await client.get("/profile/view");
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body).toEqual(user);

    const viaBearer = await server.client().get("/profile/view", { headers: { authorization: `Bearer ${client.cookie}` } });
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body.id).toBe(user.id);
  });

  it("answers 401 with a clear error when no session is sent", async () => {
    const res = await server.client().get("/profile/view");
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/log in/i) });
  });

  it.each<[string, (sub: string, real: string) => string]>([
    ["malformed", () => "not-a-jwt"],
    ["tampered payload", (_sub, real) => {
      const [h, p, s] = real.split(".");
      const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
      return [h, Buffer.from(JSON.stringify({ ...payload, sub: "someone-else" })).toString("base64url"), s].join(".");
    }],
    ["expired", (sub) => jwt.sign({ ...claims(sub), exp: Math.floor(Date.now() / 1000) - 10 }, TEST_SECRET, { algorithm: "HS256" })],
    ["signed with another secret", (sub) => jwt.sign({ ...claims(sub), exp: Math.floor(Date.now() / 1000) + 600 }, "another-secret-of-at-least-32-bytes!!", { algorithm: "HS256" })],
    ["alg none", (sub) => {
      const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
      return `${enc({ alg: "none", typ: "JWT" })}.${enc({ ...claims(sub), exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    }],
    ["RS256 (algorithm confusion)", (sub) => {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      return jwt.sign({ ...claims(sub), exp: Math.floor(Date.now() / 1000) + 600 }, privateKey, { algorithm: "RS256" });
    }],
    ["HS512 with our secret (not the pinned algorithm)", (sub) =>
      jwt.sign({ ...claims(sub), exp: Math.floor(Date.now() / 1000) + 600 }, TEST_SECRET, { algorithm: "HS512" })],
    ["wrong audience", (sub) => jwt.sign({ ...claims(sub), aud: "other-api", exp: Math.floor(Date.now() / 1000) + 600 }, TEST_SECRET, { algorithm: "HS256" })],
    ["without jti", (sub) => jwt.sign({ sub, sv: 0, iss: "bazaar", aud: "bazaar-api", exp: Math.floor(Date.now() / 1000) + 600 }, TEST_SECRET, { algorithm: "HS256" })],
  ])("answers 401 for a %s token", async (_label, forge) => {
    const { client, user } = await loggedInClient(server);
    const token = forge(user.id, client.cookie!);
    const variants: Record<string, string>[] = [{ cookie: `${SESSION_COOKIE}=${token}` }, { authorization: `Bearer ${token}` }];
    for (const headers of variants) {
      const res = await server.client().get("/profile/view", { headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("answers 401 for an Authorization header that is not Bearer", async () => {
    const res = await server.client().get("/profile/view", { headers: { authorization: "Basic YWRhOmFkYQ==" } });
    expect(res.status).toBe(401);
  });
});

describe("POST /logout", () => {
  it("clears the cookie and revokes the token, so a copy of it stops working at once", async () => {
    const { client } = await loggedInClient(server);
    const copy = client.cookie!;
    const res = await client.post("/logout");
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toMatch(/Max-Age=0/i);

    const replay = await server.client().get("/profile/view", { headers: { authorization: `Bearer ${copy}` } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/session has ended/i);
  });

  it("is harmless without a session", async () => {
    expect((await server.client().post("/logout")).status).toBe(204);
  });
});

describe("POST /login with a session already held", () => {
  it("ends the older session: the old cookie answers 401, the new one works", async () => {
    const { client, credentials } = await loggedInClient(server);
    const cookieA = client.cookie!;
    // The client still sends cookie A with this login, as a browser would.
    const again = await client.post("/login", { json: credentials });
    expect(again.status).toBe(200);
    expect(client.cookie).not.toBe(cookieA);

    const withA = await server.client().get("/profile/view", { headers: { cookie: `${SESSION_COOKIE}=${cookieA}` } });
    expect(withA.status).toBe(401);
    expect((await client.get("/profile/view")).status).toBe(200);
  });

  it("ends it when it arrives as a Bearer token as well", async () => {
    const { client, credentials } = await loggedInClient(server);
    const tokenA = client.cookie!;
    const again = await server.client().post("/login", { json: credentials, headers: { authorization: `Bearer ${tokenA}` } });
    expect(again.status).toBe(200);
    expect((await server.client().get("/profile/view", { headers: { authorization: `Bearer ${tokenA}` } })).status).toBe(401);
  });

  it("leaves it working when the new login fails", async () => {
    const { client, credentials } = await loggedInClient(server);
    expect((await client.post("/login", { json: { ...credentials, password: "not the password" } })).status).toBe(401);
    expect((await client.get("/profile/view")).status).toBe(200);
  });
});
