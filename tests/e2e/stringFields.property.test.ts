import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInClient, signupBody, startTestServer, type TestClient, type TestResponse, type TestServer } from "../support/testServer.js";

/**
 * Every string field of every route, fed arbitrary text rich in what breaks text handling: lone surrogates, C0/C1
 * controls, invisible format characters, decomposed (NFD) and compatibility forms, exotic white space.
 * Whatever the input: never a 5xx, every 4xx in the error shape, and whatever was stored reads back well-formed,
 * NFC and free of control and hidden characters.
 */

const FORMAT = ["\u200b", "\u200c", "\u200d", "\u200e", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00ad", "\u2060", "\u061c", "\u{e0041}"];
const COMPOSING = ["e\u0301", "A\u030a", "\u1100\u1161", "n\u0303", "\u0130", "\ufb03", "\u2126", "\u0301", "\u{1f469}\u200d\u{1f4bb}"];
const SPACES = [" ", "\u00a0", "\u2028", "\u2029", "\u3000", "\n", "\r", "\t", "@", ".", "/", '"', "<", ">"];

const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom(...FORMAT) },
  { weight: 1, arbitrary: fc.constantFrom(...COMPOSING) },
  { weight: 1, arbitrary: fc.constantFrom(...SPACES) },
);
const hostile = fc.string({ unit: hostileUnit, maxLength: 24 });

let server: TestServer;
let authed: TestClient;
let password: string;
let serial = 0;
beforeAll(async () => {
  server = await startTestServer();
  const session = await loggedInClient(server);
  authed = session.client;
  password = session.credentials.password;
});
afterAll(() => server.stop());

const unique = () => `p${process.pid}x${serial++}`;

/** Percent-encodes every code point as UTF-8, lone surrogates included (as the bytes a careless encoder writes). */
function percentEncode(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const bytes =
      cp < 0x80 ? [cp]
      : cp < 0x800 ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
      : cp < 0x10000 ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
      : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
    out += bytes.map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) && b < 0x80 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
  }
  return out;
}

const CONTROL = /\p{Cc}/u;
const HIDDEN = /\p{Cf}/u;
const JOINERS = /\u200c|\u200d|\u200e|\u200f|\u061c/gu;

function expectClean(value: unknown, where: string, rules: { multiline?: boolean; joiners?: boolean } = {}): void {
  if (typeof value !== "string") return;
  const shown = JSON.stringify(value);
  expect((value as unknown as { isWellFormed(): boolean }).isWellFormed(), `${where} ${shown} well-formed`).toBe(true);
  expect(value, `${where} ${shown} NFC`).toBe(value.normalize("NFC"));
  const controls = rules.multiline ? value.replace(/[\n\r\t]/g, "") : value;
  expect(CONTROL.test(controls), `${where} ${shown} control characters`).toBe(false);
  const formats = rules.joiners ? value.replace(JOINERS, "") : value;
  expect(HIDDEN.test(formats), `${where} ${shown} format characters`).toBe(false);
}

/** What the API stored for a user, as any client would read it back. */
function expectCleanUser(user: Record<string, unknown>): void {
  for (const field of ["email", "firstName", "lastName", "gender"]) expectClean(user[field], field);
  expectClean(user.about, "about", { multiline: true, joiners: true });
  for (const skill of (user.skills as string[] | undefined) ?? []) expectClean(skill, "skill");
  if (typeof user.photoUrl === "string") {
    expectClean(user.photoUrl, "photoUrl");
    expect(user.photoUrl).not.toMatch(/["'<>\s]/);
  }
}

function expectSane(res: TestResponse): void {
  expect(res.status, res.text).toBeLessThan(500);
  if (res.status >= 400) expect(res.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
}

type Send = (v: string, n: number) => Promise<void>;
type Target = [name: string, send: Send];
type Shape<T = string> = (v: string, n: number) => T;
const asIs: Shape = (v) => v;

const editField = (field: string, shape: Shape<unknown> = asIs, label = field): Target => [
  `PATCH /profile/edit ${label}`,
  async (v, n) => {
    const res = await authed.patch("/profile/edit", { json: { [field]: shape(v, n) } });
    expectSane(res);
    if (res.status === 200) {
      expectCleanUser(res.body);
      expectCleanUser((await authed.get("/profile/view")).body);
    }
  },
];

const signupField = (field: string, shape: Shape = asIs): Target => [
  `POST /signup ${field}`,
  async (v, n) => {
    const body: Record<string, unknown> = signupBody({ email: `${unique()}@example.com` });
    if (field === "emailId") delete body.email;
    body[field] = shape(v, n);
    const client = server.client();
    const res = await client.post("/signup", { json: body });
    expectSane(res);
    if (res.status !== 201) return;
    expectCleanUser(res.body);
    const login = await client.post("/login", { json: { email: res.body.email, password: body.password } });
    expect(login.status).toBe(200);
    expectCleanUser((await client.get("/profile/view")).body);
  },
];

const loginField = (field: string, shape: Shape = asIs): Target => [
  `POST /login ${field}`,
  async (v, n) => {
    const body: Record<string, unknown> = { email: "nobody@example.com", password: "a long enough passphrase" };
    if (field === "emailId") delete body.email;
    body[field] = shape(v, n);
    const res = await server.client().post("/login", { json: body });
    expectSane(res);
    expect(res.status).not.toBe(200);
  },
];

const query = (param: string, shape: Shape = asIs, label = param): Target => [
  `GET /products?${label}`,
  async (v, n) => expectSane(await server.client().get(`/products?${param}=${percentEncode(shape(v, n))}`)),
];

/** Alone, or inside an otherwise valid address, so the hostile part reaches the deeper rules too. */
const emailShape: Shape = (v, n) => [v, `${unique()}${v}@example.com`, `${unique()}@${v}.example.com`, `${unique()}@ex${v}ample.com`][n % 4]!;
const photoShape: Shape = (v, n) => [v, `https://img.example.com/${v}`, `https://${v}.example.com/a.png`, `https://img.example.com/a?q=${v}#${v}`][n % 4]!;

const targets: Target[] = [
  signupField("email", emailShape),
  signupField("emailId", emailShape),
  signupField("password", (v) => `long enough ${v}`),
  signupField("firstName"),
  signupField("lastName"),
  loginField("email", emailShape),
  loginField("emailId", emailShape),
  loginField("password"),
  editField("firstName"),
  editField("lastName"),
  editField("about"),
  editField("gender"),
  editField("age"),
  editField("skills", (v) => [v, `${v}x`], "skills items"),
  editField("photoUrl", photoShape),
  [
    "PATCH /profile/changePassword newPassword",
    async (v) => {
      const next = `long enough ${v}`;
      const res = await authed.patch("/profile/changePassword", { json: { oldPassword: password, newPassword: next } });
      expectSane(res);
      if (res.status === 200) password = next.normalize("NFC");
      expect((await authed.get("/profile/view")).status).toBe(200);
    },
  ],
  [
    "PATCH /profile/changePassword oldPassword",
    async (v) => {
      const res = await authed.patch("/profile/changePassword", { json: { oldPassword: v, newPassword: "a brand new passphrase" } });
      expectSane(res);
      expect(res.status).not.toBe(200);
    },
  ],
  query("q"),
  query("q", (v) => `steel ${v}`, "q (after a word)"),
  query("category"),
  query("sort"),
  query("cursor"),
  query("limit"),
  query("minPrice"),
  query("inStock"),
  ["GET /products/:idOrSlug", async (v) => expectSane(await server.client().get(`/products/${percentEncode(v)}`))],
];

describe("every string field of every route, under arbitrary text", () => {
  it.each(targets)("%s", async (_name, send) => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.nat(), async (v, n) => send(v, n)),
      { numRuns: 30 },
    );
  });

  it("the server is still healthy afterwards", async () => {
    expect((await server.client().get("/healthz")).status).toBe(200);
  });
});
