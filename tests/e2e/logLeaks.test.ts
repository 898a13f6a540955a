import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendRaw, type RawResponse } from "../support/rawHttp.js";
import { startServerProcess, type ServerProcess } from "../support/serverProcess.js";

const JWT_SECRET = "log-scan-secret-0f3c9a7e-5b2d-4e61-9c8a-d2b7e4f10a36";
const EMAIL = "leak-probe@example.com";
// Accented, so that its UTF-8 length differs from its length in characters.
const PASSWORD = "Crème brûlée à l'Élysée 1843";
const SECURITY_HEADERS = [
  "content-security-policy",
  "strict-transport-security",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "cross-origin-resource-policy",
  "cache-control",
];

let server: ServerProcess;
let jwt: string;
let cookieName: string;
let apiHeaders: Headers;

beforeAll(async () => {
  server = await startServerProcess({ NODE_ENV: "production", JWT_SECRET, LOG_LEVEL: "debug", BCRYPT_COST: "10" });
  const json = { "content-type": "application/json" };
  const signup = await fetch(`${server.url}/signup`, { method: "POST", headers: json, body: JSON.stringify({ email: EMAIL, password: PASSWORD, firstName: "Probe" }) });
  expect(signup.status).toBe(201);
  const login = await fetch(`${server.url}/login`, { method: "POST", headers: json, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
  expect(login.status).toBe(200);
  const [name, value] = login.headers.getSetCookie()[0]!.split(";")[0]!.split("=") as [string, string];
  [cookieName, jwt] = [name, value];
  apiHeaders = (await fetch(`${server.url}/healthz`)).headers;
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const cookieLine = () => `Cookie: ${cookieName}=${jwt}\r\n`;

/** A 4xx Bazaar produced: the standard error body and the same security headers as any JSON answer. */
function expectBazaarError(response: RawResponse | undefined, status: number): void {
  expect(response?.status).toBe(status);
  expect(response!.headers["content-type"]).toMatch(/^application\/json/);
  expect(JSON.parse(response!.body)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  for (const name of SECURITY_HEADERS) expect(response!.headers[name], name).toBe(apiHeaders.get(name));
}

/** What a log scan must also read: pino writes a Buffer as `{"type":"Buffer","data":[123,34,...]}`. */
function decodedByteArrays(text: string): string {
  return [...text.matchAll(/\[(\d{1,3}(?:,\d{1,3}){7,})\]/g)].map((m) => Buffer.from(m[1]!.split(",").map(Number)).toString("utf8")).join("\n");
}

describe("hostile traffic at the real server process", () => {
  it("is answered in Bazaar's error shape, and nothing secret reaches stdout or stderr", async () => {
    // (a) Content-Length counted in characters: the login body's last bytes become the start of the next request,
    // which carries the session cookie.
    const loginBody = JSON.stringify({ email: EMAIL, password: PASSWORD });
    const shortLogin =
      `POST /login HTTP/1.1\r\nHost: bazaar\r\nContent-Type: application/json\r\nContent-Length: ${loginBody.length}\r\n\r\n${loginBody}` +
      `GET /profile/view HTTP/1.1\r\nHost: bazaar\r\n${cookieLine()}\r\n`;
    const a = await sendRaw(server.port, shortLogin);
    expect(a.map((r) => r.status)).toEqual([400, 400]);
    expectBazaarError(a[0], 400);
    expectBazaarError(a[1], 400);

    // (b) A valid request with the cookie, pipelined with garbage that also holds the password and the token.
    const garbage = Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff]), Buffer.from(` ${PASSWORD} ${jwt}\r\n\r\n`)]);
    const b = await sendRaw(server.port, Buffer.concat([Buffer.from(`GET /profile/view HTTP/1.1\r\nHost: bazaar\r\n${cookieLine()}\r\n`), garbage]));
    expect(b.map((r) => r.status)).toEqual([200, 400]);
    expect(JSON.parse(b[0]!.body).email).toBe(EMAIL);
    expectBazaarError(b[1], 400);

    // (c) A header block over Node's 16 KiB limit, carrying the cookie and the password.
    const c = await sendRaw(server.port, `GET /profile/view HTTP/1.1\r\nHost: bazaar\r\n${cookieLine()}X-Password: ${PASSWORD}\r\nX-Pad: ${"p".repeat(20_000)}\r\n\r\n`);
    expect(c).toHaveLength(1);
    expectBazaarError(c[0], 431);

    // (d) TRACE would echo the request, cookie included, if anything answered it.
    const d = await sendRaw(server.port, `TRACE /profile/view HTTP/1.1\r\nHost: bazaar\r\n${cookieLine()}Connection: close\r\n\r\n`);
    expect(d).toHaveLength(1);
    expectBazaarError(d[0], 405);
    expect(d[0]!.headers.allow).toBe("GET, HEAD");
    expect(d[0]!.body).not.toContain(jwt);

    await server.stop();
    const output = server.output();
    const haystack = `${output}\n${decodedByteArrays(output)}`;
    expect(output).toMatch(/Bazaar listening/);
    const signature = jwt.split(".")[2]!;
    for (const [what, secret] of [["password", PASSWORD], ["JWT", jwt], ["JWT signature", signature], ["JWT_SECRET", JWT_SECRET]] as const)
      expect(haystack.includes(secret), `${what} found in the process output:\n${output}`).toBe(false);
    const severe = output.split("\n").filter((line) => /"level":(50|60)/.test(line));
    expect(severe, "error-level lines").toEqual([]);
  }, 60_000);
});
