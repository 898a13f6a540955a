import { connect } from "node:net";
import { expect } from "vitest";
import { TEST_SECRET } from "./accountsKit.js";
import { loggedInClient, SESSION_COOKIE, type TestServer } from "./testServer.js";

/**
 * One row of the hostile-input table. Without `expect`, the row checks only what must hold whatever the route does
 * with the input (used where another change is deciding the exact answer): no 5xx, the error shape on a 4xx, a sane
 * request id, and no secret in the response.
 */
export interface HostileCase {
  name: string;
  method?: string;
  /** Sent byte for byte (a Buffer for bytes no URL would carry). */
  path: string | Buffer;
  headers?: Record<string, string | Buffer>;
  body?: string | Buffer;
  /** Adds the logged-in user's session cookie. */
  session?: boolean;
  expect?: { status: number; code?: string };
  /** Request values the response must not repeat, besides the secrets every row checks. */
  notEchoed?: string[];
  /** A further check on the response, for rows about a header. */
  then?: (res: RawResponse) => void;
}

export interface RawResponse {
  status: number;
  headers: Map<string, string[]>;
  head: string;
  text: string;
}

/** What each row checks the response against: a known password, a live session JWT and the signing secret. */
export interface Secrets {
  password: string;
  sessionJwt: string;
  jwtSecret: string;
}

export interface HostileTarget {
  host: string;
  port: number;
  secrets: Secrets;
  sessionCookie: string;
  userId: string;
}

/** The account every table logs in as: known, so that rows can send its password and look for it in the answer. */
export const HOSTILE_PASSWORD = "hostile table passphrase 7Qx!";
export const HOSTILE_EMAIL = `mallory-${Math.random().toString(36).slice(2)}@example.com`;

/** A logged-in user with a known password on the given server: the secrets every row scans responses for. */
export async function hostileTarget(server: TestServer): Promise<HostileTarget> {
  const { client, user } = await loggedInClient(server, { email: HOSTILE_EMAIL, password: HOSTILE_PASSWORD });
  const { hostname, port } = new URL(server.url);
  const sessionJwt = client.cookie!;
  return { host: hostname, port: Number(port), secrets: { password: HOSTILE_PASSWORD, sessionJwt, jwtSecret: TEST_SECRET }, sessionCookie: `${SESSION_COOKIE}=${sessionJwt}`, userId: user.id as string };
}

/**
 * Over a raw socket, not fetch or node:http: both refuse to send much of what an attacker sends (TRACE, NUL and
 * non-ASCII bytes in paths and headers, duplicate framing), and fetch adds headers of its own.
 */
export function rawRequest(target: Pick<HostileTarget, "host" | "port">, c: Omit<HostileCase, "name">, cookie?: string): Promise<RawResponse> {
  const method = c.method ?? "GET";
  const body = typeof c.body === "string" ? Buffer.from(c.body, "utf8") : (c.body ?? Buffer.alloc(0));
  const lines: Buffer[] = [Buffer.from(`${method} `), Buffer.from(c.path), Buffer.from(` HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\nConnection: close\r\n`)];
  const headers = { ...c.headers };
  if (cookie && !Object.keys(headers).some((h) => h.toLowerCase() === "cookie")) headers.cookie = cookie;
  for (const [name, value] of Object.entries(headers)) lines.push(Buffer.from(`${name}: `), Buffer.from(value), Buffer.from("\r\n"));
  const chunked = Object.keys(headers).some((h) => h.toLowerCase() === "transfer-encoding");
  if (!chunked && (body.length > 0 || method === "POST" || method === "PATCH" || method === "PUT")) lines.push(Buffer.from(`Content-Length: ${body.length}\r\n`));
  lines.push(Buffer.from("\r\n"), body);
  return new Promise((resolve, reject) => {
    const socket = connect(target.port, target.host);
    const chunks: Buffer[] = [];
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", reject);
    socket.on("end", () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error as Error);
      }
    });
    // write, not end: a client that half-closes gets no answer from a handler that is still awaiting.
    socket.write(Buffer.concat(lines));
  });
}

function parseResponse(bytes: Buffer): RawResponse {
  // An interim answer (100 Continue) comes first when the client asked for one: the final response follows it.
  while (/^HTTP\/1\.1 1\d\d /.test(bytes.subarray(0, 13).toString("latin1"))) bytes = bytes.subarray(bytes.indexOf("\r\n\r\n") + 4);
  const split = bytes.indexOf("\r\n\r\n");
  if (split < 0) throw new Error(`no HTTP response, got ${JSON.stringify(bytes.toString("latin1").slice(0, 200))}`);
  const head = bytes.subarray(0, split).toString("latin1");
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const headers = new Map<string, string[]>();
  for (const line of headerLines) {
    const at = line.indexOf(":");
    const name = line.slice(0, at).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(at + 1).trim()]);
  }
  let body = bytes.subarray(split + 4);
  if (headers.get("transfer-encoding")?.[0] === "chunked") body = dechunk(body);
  return { status: Number(statusLine.split(" ")[1]), headers, head, text: body.toString("utf8") };
}

function dechunk(data: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; ; ) {
    const eol = data.indexOf("\r\n", at);
    const size = parseInt(data.subarray(at, eol).toString("latin1"), 16);
    if (!size) return Buffer.concat(out);
    out.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Sends one row and checks it; returns the response for rows that look further. */
export async function checkHostileCase(target: HostileTarget, c: HostileCase): Promise<RawResponse> {
  const res = await rawRequest(target, c, c.session ? target.sessionCookie : undefined);
  const method = c.method ?? "GET";
  const where = `${method} ${c.path.toString()} → ${res.status} ${res.text.slice(0, 300)}`;

  expect(res.status, where).toBeGreaterThanOrEqual(200);
  expect(res.status, where).toBeLessThan(500);
  if (c.expect) expect(res.status, where).toBe(c.expect.status);
  if (res.status >= 400 && method !== "HEAD") {
    expect(res.headers.get("content-type")?.[0], where).toMatch(/^application\/json/);
    const body = JSON.parse(res.text) as unknown;
    expect(body, where).toEqual({ error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String), ...optionalDetails(body) } });
    if (c.expect?.code) expect((body as { error: { code: string } }).error.code, where).toBe(c.expect.code);
  }

  // The request id is a response header on every answer: whatever the client sent, what comes back is sane.
  const ids = res.headers.get("x-request-id") ?? [];
  expect(ids, where).toHaveLength(1);
  expect(ids[0], where).toMatch(SANE_REQUEST_ID);

  // Login may hand out a session in Set-Cookie; everything else in the response must be free of every secret.
  const scanned = [res.text, ...[...res.headers].filter(([name]) => !(name === "set-cookie" && c.path === "/login")).flatMap(([, values]) => values)].join("\n");
  const { password, sessionJwt, jwtSecret } = target.secrets;
  const signature = sessionJwt.split(".")[2]!;
  for (const secret of [password, sessionJwt, signature, jwtSecret, ...(c.notEchoed ?? [])]) expect(scanned.includes(secret), `${where}: response repeats ${secret.slice(0, 40)}`).toBe(false);
  c.then?.(res);
  return res;
}

function optionalDetails(body: unknown): { details?: unknown } {
  const error = (body as { error?: { details?: unknown } } | null)?.error;
  return error && "details" in error ? { details: error.details } : {};
}
