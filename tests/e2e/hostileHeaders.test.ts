import { createHmac, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET } from "../support/accountsKit.js";
import { checkHostileCase, HOSTILE_EMAIL, HOSTILE_PASSWORD, hostileTarget, type HostileCase, type HostileTarget, type RawResponse } from "../support/hostileCases.js";
import { SESSION_COOKIE, startTestServer, type TestServer } from "../support/testServer.js";

// Authorization and Cookie forms, forged session tokens, and the headers a proxy or a client may lie in.

let server: TestServer;
let target: HostileTarget;
beforeAll(async () => {
  server = await startTestServer();
  target = await hostileTarget(server);
});
afterAll(() => server.stop());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const hmac = (input: string, key: string) => createHmac("sha256", key).update(input).digest("base64url");
/** The claims of a genuine session for the test user, for forgeries to start from. */
const claims = (t: HostileTarget, over: Record<string, unknown> = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return { sv: 0, iat: now, exp: now + 3600, sub: t.userId, iss: "bazaar", aud: "bazaar-api", jti: randomUUID(), ...over };
};
const withHeader = (header: object, payload: object, key = TEST_SECRET) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${hmac(input, key)}`;
};
const signed = (payload: object, options: jwt.SignOptions = {}) => jwt.sign(payload, TEST_SECRET, { algorithm: "HS256", ...options });

type Row = { name: string; build: (t: HostileTarget) => Omit<HostileCase, "name"> };
const unauthenticated = { expect: { status: 401, code: "UNAUTHENTICATED" } };
const ok = { expect: { status: 200 } };
const view = (headers: Record<string, string | Buffer>, more: Partial<HostileCase> = {}) => ({ path: "/profile/view", headers, ...more });
const bearer = (name: string, token: (t: HostileTarget) => string, more: Partial<HostileCase> = unauthenticated): Row => ({
  name,
  build: (t) => view({ authorization: `Bearer ${token(t)}` }, more),
});
const cookie = (name: string, value: (t: HostileTarget) => string | Buffer, more: Partial<HostileCase> = unauthenticated): Row => ({
  name,
  build: (t) => view({ cookie: value(t) }, more),
});
const real = (t: HostileTarget) => t.secrets.sessionJwt;
const [head, body, signature] = ["header", "payload", "signature"].map((_, i) => (t: HostileTarget) => real(t).split(".")[i]!) as [
  (t: HostileTarget) => string,
  (t: HostileTarget) => string,
  (t: HostileTarget) => string,
];
const noAccessControl = (res: RawResponse) => expect(res.headers.has("access-control-allow-origin")).toBe(false);
const requestIdIs = (id: string) => (res: RawResponse) => expect(res.headers.get("x-request-id")).toEqual([id]);
const requestIdReplaced = (res: RawResponse) => expect(res.headers.get("x-request-id")?.[0]).toMatch(/^[0-9a-f-]{36}$/);

const rows: Row[] = [
  // Authorization header forms.
  bearer("the real token as Bearer (control)", real, ok),
  { name: "Bearer with nothing after it", build: () => view({ authorization: "Bearer " }, unauthenticated) },
  { name: "Bearer alone", build: () => view({ authorization: "Bearer" }, unauthenticated) },
  { name: "Bearer with two spaces", build: (t) => view({ authorization: `Bearer  ${real(t)}` }, unauthenticated) },
  { name: "two Bearer tokens in one header", build: (t) => view({ authorization: `Bearer ${real(t)}, Bearer ${real(t)}` }, unauthenticated) },
  { name: "lower-case bearer scheme", build: (t) => view({ authorization: `bearer ${real(t)}` }) },
  { name: "Basic with the real email and password", build: () => view({ authorization: `Basic ${Buffer.from(`${HOSTILE_EMAIL}:${HOSTILE_PASSWORD}`).toString("base64")}` }, { ...unauthenticated, notEchoed: [Buffer.from(`${HOSTILE_EMAIL}:${HOSTILE_PASSWORD}`).toString("base64")] }) },
  { name: "Basic carrying the real token", build: (t) => view({ authorization: `Basic ${real(t)}` }, unauthenticated) },
  { name: "Digest scheme", build: () => view({ authorization: 'Digest username="ada", realm="x", nonce="1", uri="/", response="0"' }, unauthenticated) },
  { name: "non-ASCII UTF-8 bytes after Bearer", build: () => view({ authorization: Buffer.from("Bearer токен", "utf8") }, unauthenticated) },
  { name: "latin-1 bytes after Bearer", build: () => view({ authorization: Buffer.from("Bearer caf\xe9", "latin1") }, unauthenticated) },
  { name: "a garbage Bearer wins over a valid cookie", build: (t) => view({ authorization: "Bearer garbage", cookie: t.sessionCookie }, unauthenticated) },
  bearer("huge token (12 kB)", () => "a".repeat(12_000)),
  bearer("token of three empty parts", () => ".."),
  bearer("token with four parts", (t) => `${real(t)}.extra`),
  bearer("real token with a trailing dot", (t) => `${real(t)}.`),
  bearer("base64 garbage in every part", () => "eyJ!!!.eyJ@@@.sig"),
  bearer("JSON that is not an object in the payload", (t) => `${head(t)}.${b64("just a string")}.${signature(t)}`),

  // Forged tokens.
  bearer("alg none, no signature", (t) => `${b64({ alg: "none", typ: "JWT" })}.${b64(claims(t))}.`),
  bearer("alg None, real signature", (t) => `${b64({ alg: "None", typ: "JWT" })}.${body(t)}.${signature(t)}`),
  bearer("HS256 signed with another key", (t) => withHeader({ alg: "HS256", typ: "JWT" }, claims(t), "another-secret-that-is-32-bytes-long!!")),
  bearer("HS256 signed with an empty key", (t) => withHeader({ alg: "HS256", typ: "JWT" }, claims(t), "")),
  bearer("RS256 header, HMAC signature with the secret", (t) => withHeader({ alg: "RS256", typ: "JWT" }, claims(t))),
  bearer("HS512 with the right secret", (t) => signed(claims(t), { algorithm: "HS512" })),
  bearer("jwk header pointing at the attacker's key", (t) => withHeader({ alg: "HS256", jwk: { kty: "oct", k: "YXR0YWNrZXI" } }, claims(t), "attacker")),
  bearer("kid path traversal", (t) => withHeader({ alg: "HS256", kid: "../../../../dev/null" }, claims(t), "")),
  bearer("expired, right key", (t) => signed(claims(t, { iat: 1_000, exp: 2_000 }))),
  bearer("not valid yet (nbf), right key", (t) => signed(claims(t, { nbf: Math.floor(Date.now() / 1000) + 3600 }))),
  bearer("wrong issuer, right key", (t) => signed(claims(t, { iss: "someone-else" }))),
  bearer("wrong audience, right key", (t) => signed(claims(t, { aud: "another-api" }))),
  bearer("no jti, right key", (t) => signed({ ...claims(t), jti: undefined })),
  bearer("session version as a string, right key", (t) => signed(claims(t, { sv: "0" }))),
  bearer("session version from the future, right key", (t) => signed(claims(t, { sv: 99 }))),
  bearer("subject of no user, right key", (t) => signed(claims(t, { sub: "usr_does_not_exist" }))),
  bearer("subject as an operator object, right key", (t) => signed(claims(t, { sub: { $ne: null } }))),
  bearer("payload swapped, original signature", (t) => `${head(t)}.${b64(claims(t, { sv: 1 }))}.${signature(t)}`),
  bearer("signature of another token", (t) => `${head(t)}.${body(t)}.${hmac("x.y", TEST_SECRET)}`),
  bearer("no iat, right key", (t) => withHeader({ alg: "HS256", typ: "JWT" }, claims(t, { iat: undefined })), {}),
  bearer("iat a day in the future, right key", (t) => signed(claims(t, { iat: Math.floor(Date.now() / 1000) + 86_400 })), {}),

  // Cookie forms.
  cookie("the real session cookie (control)", (t) => t.sessionCookie, ok),
  cookie("the session among 300 other cookies", (t) => [...Array.from({ length: 300 }, (_, i) => `c${i}=v${i}`), t.sessionCookie].join("; "), ok),
  cookie("a huge session cookie value", () => `${SESSION_COOKIE}=${"a".repeat(12_000)}`),
  cookie("a forged session cookie", (t) => `${SESSION_COOKIE}=${withHeader({ alg: "HS256" }, claims(t), "not-the-secret")}`),
  cookie("the real token without the __Host- prefix", (t) => `bazaar_session=${real(t)}`),
  cookie("the cookie twice, a garbage one first", (t) => `${SESSION_COOKIE}=garbage; ${t.sessionCookie}`, {}),
  cookie("the real token quoted", (t) => `${SESSION_COOKIE}="${real(t)}"`, {}),
  cookie("a cookie header of separators only", () => "=;;==; ;", unauthenticated),
  cookie("non-ASCII bytes in the cookie", () => Buffer.from(`${SESSION_COOKIE}=жетон`, "utf8")),
  cookie("percent-encoded NUL in the cookie", () => `${SESSION_COOKIE}=%00`),

  // Proxy headers are not believed with TRUST_PROXY_HOPS=0, and never echoed.
  { name: "spoofed X-Forwarded-For", build: () => ({ path: "/healthz", headers: { "x-forwarded-for": "127.0.0.1, 10.0.0.1" }, ...ok }) },
  { name: "huge X-Forwarded-For", build: () => ({ path: "/healthz", headers: { "x-forwarded-for": Array.from({ length: 800 }, (_, i) => `10.0.${i % 256}.1`).join(", ") }, ...ok }) },
  { name: "markup in X-Forwarded-For", build: () => ({ path: "/healthz", headers: { "x-forwarded-for": "<script>alert(1)</script>" }, ...ok, notEchoed: ["<script>"] }) },
  { name: "X-Forwarded-Host and Proto", build: () => ({ path: "/healthz", headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "javascript" }, ...ok, notEchoed: ["evil.example"] }) },
  { name: "spoofed X-Forwarded-For on a failed login", build: () => ({ method: "POST", path: "/login", headers: { "content-type": "application/json", "x-forwarded-for": "1.2.3.4" }, body: JSON.stringify({ email: HOSTILE_EMAIL, password: "not the password" }), expect: { status: 401, code: "INVALID_CREDENTIALS" } }) },
  { name: "a foreign Origin with the session", build: (t) => ({ path: "/profile/view", headers: { origin: "https://evil.example", cookie: t.sessionCookie }, ...ok, then: noAccessControl }) },
  { name: "a null Origin with the session", build: (t) => ({ path: "/profile/view", headers: { origin: "null", cookie: t.sessionCookie }, ...ok, then: noAccessControl }) },

  // X-Request-Id: kept when sane, replaced otherwise, never reflected raw.
  { name: "a sane X-Request-Id is kept (control)", build: () => ({ path: "/healthz", headers: { "x-request-id": "req-123.abc_DEF" }, ...ok, then: requestIdIs("req-123.abc_DEF") }) },
  { name: "X-Request-Id with an encoded CRLF and a header", build: () => ({ path: "/healthz", headers: { "x-request-id": "a%0d%0aSet-Cookie:%20x=1" }, ...ok, notEchoed: ["%0d%0a", "x=1"], then: requestIdReplaced }) },
  { name: "X-Request-Id with a DEL byte: refused by Node, answered by Bazaar", build: () => ({ path: "/healthz", headers: { "x-request-id": "abc\x7f" }, expect: { status: 400, code: "MALFORMED_REQUEST" } }) },
  { name: "X-Request-Id followed by an injected header line", build: () => ({ path: "/healthz", headers: { "x-request-id": "abc\r\nX-Injected: 1" }, ...ok, then: (res) => expect(res.head).not.toMatch(/x-injected/i) }) },
  { name: "huge X-Request-Id", build: () => ({ path: "/healthz", headers: { "x-request-id": "r".repeat(8_000) }, ...ok, then: requestIdReplaced }) },
  { name: "unicode X-Request-Id", build: () => ({ path: "/healthz", headers: { "x-request-id": Buffer.from("запрос-1", "utf8") }, ...ok, then: requestIdReplaced }) },
  { name: "X-Request-Id with a path and markup", build: () => ({ path: "/healthz", headers: { "x-request-id": "../<b>x</b>" }, ...ok, notEchoed: ["<b>"], then: requestIdReplaced }) },
  { name: "X-Request-Id on an error answer", build: () => ({ path: "/profile/view", headers: { "x-request-id": "<svg onload=alert(1)>" }, ...unauthenticated, notEchoed: ["<svg"], then: requestIdReplaced }) },

  // Bodies and types where none is expected: a GET's body is never read.
  { name: "GET with an XML body and type", build: () => ({ path: "/healthz", headers: { "content-type": "text/xml" }, body: "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>", ...ok }) },
  { name: "GET with a hostile JSON body", build: (t) => ({ path: "/profile/view", headers: { "content-type": "application/json", cookie: t.sessionCookie }, body: '{"__proto__":{"admin":true}}', ...ok }) },
  { name: "Expect: 100-continue on a login", build: () => ({ method: "POST", path: "/login", headers: { "content-type": "application/json", expect: "100-continue" }, body: "{}" }) },
];

describe("hostile headers and forged tokens", () => {
  it.each(rows)("$name", async (row) => {
    await checkHostileCase(target, { name: row.name, ...row.build(target) });
  });

  it("leaves the real session working after all of the above", async () => {
    expect((await server.client().get("/profile/view", { headers: { cookie: target.sessionCookie } })).status).toBe(200);
  });
});
