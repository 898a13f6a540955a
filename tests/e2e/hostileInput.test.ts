import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInClient, startTestServer, type TestClient, type TestServer } from "../support/testServer.js";

let server: TestServer;
let authed: TestClient;
beforeAll(async () => {
  server = await startTestServer({ BODY_LIMIT_BYTES: "16384" });
  authed = (await loggedInClient(server)).client;
});
afterAll(() => server.stop());

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"firstName":' + '{"a":'.repeat(depth) + "1" + "}".repeat(depth) + "}";

interface Case {
  name: string;
  method?: "POST" | "PATCH";
  path?: string;
  body: string;
  type?: string | null;
  status: number;
  code: string;
}

const cases: Case[] = [
  { name: "malformed JSON", body: '{"email": "a@b.co", ', status: 400, code: "MALFORMED_JSON" },
  { name: "JSON string instead of object", body: '"hello"', status: 400, code: "MALFORMED_JSON" },
  { name: "JSON array instead of object", body: "[1,2,3]", status: 400, code: "VALIDATION_FAILED" },
  { name: "JSON null", body: "null", status: 400, code: "MALFORMED_JSON" },
  { name: "form-encoded body", body: "email=a%40b.co&password=x", type: "application/x-www-form-urlencoded", status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "text/plain body", body: '{"email":"a@b.co"}', type: "text/plain", status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "no content type", body: '{"email":"a@b.co"}', type: null, status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "oversize body", body: JSON.stringify({ email: "a@b.co", password: "x".repeat(20_000), firstName: "A" }), status: 413, code: "PAYLOAD_TOO_LARGE" },
  { name: "number for email", body: '{"email":42,"password":"a long enough passphrase","firstName":"A"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "array for password", body: '{"email":"a@b.co","password":["x"],"firstName":"A"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "Mongo operator as email", path: "/login", body: '{"email":{"$gt":""},"password":"x"}', status: 400, code: "HOSTILE_INPUT" },
  { name: "Mongo operator as password", path: "/login", body: '{"email":"a@b.co","password":{"$ne":null}}', status: 400, code: "HOSTILE_INPUT" },
  { name: "top-level $where", path: "/login", body: '{"$where":"sleep(1000)","email":"a@b.co","password":"x"}', status: 400, code: "HOSTILE_INPUT" },
  { name: "__proto__ key", body: '{"__proto__":{"isAdmin":true},"email":"a@b.co","password":"a long enough passphrase","firstName":"A"}', status: 400, code: "HOSTILE_INPUT" },
  { name: "constructor.prototype", body: '{"constructor":{"prototype":{"isAdmin":true}},"email":"a@b.co"}', status: 400, code: "HOSTILE_INPUT" },
  { name: "deeply nested arrays", body: nested(5000), status: 400, code: "HOSTILE_INPUT" },
  { name: "deeply nested objects", body: deepObject(40), status: 400, code: "HOSTILE_INPUT" },
  { name: "unsupported charset", body: '{"email":"a@b.co"}', type: "application/json; charset=utf-7", status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "__proto__ in profile edit", method: "PATCH", path: "/profile/edit", body: '{"__proto__":{"role":"admin"}}', status: 400, code: "HOSTILE_INPUT" },
  { name: "operator in profile edit", method: "PATCH", path: "/profile/edit", body: '{"firstName":{"$set":"x"}}', status: 400, code: "HOSTILE_INPUT" },
  { name: "null profile field type", method: "PATCH", path: "/profile/edit", body: '{"skills":[null]}', status: 400, code: "VALIDATION_FAILED" },
  { name: "huge number age", method: "PATCH", path: "/profile/edit", body: '{"age":1e308}', status: 400, code: "VALIDATION_FAILED" },
  { name: "NaN-like age", method: "PATCH", path: "/profile/edit", body: '{"age":"NaN"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "NUL in email", body: '{"email":"ada\\u0000@example.com","password":"a long enough passphrase","firstName":"A"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "lone surrogate password", body: '{"email":"a@b.co","password":"passphrase \\ud800","firstName":"A"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "lone surrogate login password", path: "/login", body: '{"email":"a@b.co","password":"\\udfff"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "zero-width space in firstName", body: '{"email":"a@b.co","password":"a long enough passphrase","firstName":"A\\u200bB"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "email and emailId together", path: "/login", body: '{"email":"a@b.co","emailId":"a@b.co","password":"x"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "bidi override in a skill", method: "PATCH", path: "/profile/edit", body: '{"skills":["js\\u202e"]}', status: 400, code: "VALIDATION_FAILED" },
  { name: "lone surrogate in about", method: "PATCH", path: "/profile/edit", body: '{"about":"hi \\udc00"}', status: 400, code: "VALIDATION_FAILED" },
  { name: "credentials in photoUrl", method: "PATCH", path: "/profile/edit", body: '{"photoUrl":"https://u:p@example.com/a.png"}', status: 400, code: "VALIDATION_FAILED" },
];

describe("hostile input never gets a 500", () => {
  it.each(cases)("$name → $status $code", async (c) => {
    const headers: Record<string, string> = {};
    if (c.type !== null) headers["content-type"] = c.type ?? "application/json";
    const client = c.method === "PATCH" ? authed : server.client();
    const res = await client.request(c.method ?? "POST", c.path ?? "/signup", { body: c.body, headers });
    expect(res.status).toBe(c.status);
    expect(res.body).toEqual({ error: expect.objectContaining({ code: c.code, message: expect.any(String) }) });
  });

  it("does not pollute Object.prototype", async () => {
    await server.client().request("POST", "/signup", { body: '{"__proto__":{"polluted":true}}', headers: { "content-type": "application/json" } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps serving after all of the above", async () => {
    expect((await server.client().get("/healthz")).status).toBe(200);
  });
});
