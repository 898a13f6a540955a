import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHostileCase, HOSTILE_EMAIL as EMAIL, HOSTILE_PASSWORD as PASSWORD, hostileTarget, type HostileCase, type HostileTarget } from "../support/hostileCases.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

// Request bodies on the account and profile routes. Headers, forged tokens, the catalog and the other routes have
// their own tables (hostileHeaders, hostileCatalog, hostileRoutes).

let server: TestServer;
let target: HostileTarget;
beforeAll(async () => {
  server = await startTestServer({ BODY_LIMIT_BYTES: "16384" });
  target = await hostileTarget(server);
});
afterAll(() => server.stop());

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"firstName":' + '{"a":'.repeat(depth) + "1" + "}".repeat(depth) + "}";
const fresh = () => `new-${Math.random().toString(36).slice(2)}@example.com`;
const signup = (over: Record<string, unknown> = {}) => JSON.stringify({ email: fresh(), password: "a long enough passphrase", firstName: "A", ...over });

type Row = Omit<HostileCase, "path" | "method"> & { path?: string; method?: string; type?: string | null };
const status = (s: number, code?: string) => ({ expect: { status: s, code } });
const bad = (code = "VALIDATION_FAILED") => status(400, code);
const edit = (name: string, body: string, more: Partial<Row> = {}): Row => ({ name, method: "PATCH", path: "/profile/edit", body, session: true, ...more });
const change = (name: string, body: string, more: Partial<Row> = {}): Row => ({ name, method: "PATCH", path: "/profile/changePassword", body, session: true, ...more });
const login = (name: string, body: string, more: Partial<Row> = {}): Row => ({ name, path: "/login", body, ...more });

const rows: Row[] = [
  // Framing and media type, on /signup unless said otherwise.
  { name: "malformed JSON", body: '{"email": "a@b.co", ', ...bad("MALFORMED_JSON") },
  { name: "JSON string instead of object", body: '"hello"', ...bad("MALFORMED_JSON") },
  { name: "JSON true instead of object", body: "true", ...bad("MALFORMED_JSON") },
  { name: "JSON number instead of object", body: "0", ...bad("MALFORMED_JSON") },
  { name: "JSON array instead of object", body: "[1,2,3]", ...bad() },
  { name: "array of the right object", body: `[${signup()}]`, ...bad() },
  { name: "JSON null", body: "null", ...bad("MALFORMED_JSON") },
  { name: "empty JSON body", body: "", ...bad() },
  { name: "two JSON documents back to back", body: `${signup()}${signup()}`, ...bad("MALFORMED_JSON") },
  { name: "trailing comma", body: '{"email":"a@b.co",}', ...bad("MALFORMED_JSON") },
  { name: "single-quoted JSON", body: "{'email':'a@b.co'}", ...bad("MALFORMED_JSON") },
  { name: "JSON with a comment", body: '{"email":"a@b.co" /* hi */}', ...bad("MALFORMED_JSON") },
  { name: "UTF-8 byte order mark", body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(signup())]) },
  { name: "UTF-16LE body declared as UTF-16", body: Buffer.from(signup(), "utf16le"), type: "application/json; charset=utf-16", ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "UTF-16LE body declared as JSON", body: Buffer.from(signup(), "utf16le"), ...bad("MALFORMED_JSON") },
  { name: "invalid UTF-8 bytes in a string", body: Buffer.concat([Buffer.from('{"email":"a@b.co","password":"a long enough passphrase","firstName":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]) },
  { name: "form-encoded body", body: "email=a%40b.co&password=x", type: "application/x-www-form-urlencoded", ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "multipart body", body: "--x\r\n\r\n--x--", type: "multipart/form-data; boundary=x", ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "text/plain body", body: '{"email":"a@b.co"}', type: "text/plain", ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "JSON look-alike media type", body: signup(), type: "application/jsonp", ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "no content type", body: '{"email":"a@b.co"}', type: null, ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "unsupported charset", body: '{"email":"a@b.co"}', type: "application/json; charset=utf-7", ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "latin1 charset", body: '{"email":"a@b.co"}', type: "application/json; charset=latin1", ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "upper-case media type and charset", body: signup(), type: "APPLICATION/JSON; CHARSET=UTF-8", ...status(201) },
  { name: "gzip declared, plain bytes sent", body: signup(), headers: { "content-encoding": "gzip" }, ...bad("MALFORMED_JSON") },
  { name: "deflate declared, plain bytes sent", body: signup(), headers: { "content-encoding": "deflate" }, ...bad("MALFORMED_JSON") },
  { name: "brotli declared, plain bytes sent", body: signup(), headers: { "content-encoding": "br" }, ...bad("MALFORMED_JSON") },
  { name: "truncated gzip", body: gzipSync(signup()).subarray(0, 30), headers: { "content-encoding": "gzip" }, ...bad("MALFORMED_JSON") },
  { name: "gzip bomb: small on the wire, over the limit inflated", body: gzipSync(JSON.stringify({ email: "a@b.co", password: " ".repeat(2_000_000) })), headers: { "content-encoding": "gzip" }, ...status(413, "PAYLOAD_TOO_LARGE") },
  { name: "valid gzip body", body: gzipSync(signup()), headers: { "content-encoding": "gzip" }, ...status(201) },
  { name: "unknown content encoding", body: signup(), headers: { "content-encoding": "x-hostile" }, ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "oversize body", body: JSON.stringify({ email: "a@b.co", password: "x".repeat(20_000), firstName: "A" }), ...status(413, "PAYLOAD_TOO_LARGE") },
  { name: "oversize body sent chunked", body: chunked(JSON.stringify({ email: "a@b.co", password: "x".repeat(20_000), firstName: "A" })), headers: { "transfer-encoding": "chunked" }, ...status(413, "PAYLOAD_TOO_LARGE") },
  { name: "valid body sent chunked", body: chunked(signup()), headers: { "transfer-encoding": "chunked" }, ...status(201) },

  // Shapes and types.
  { name: "number for email", body: '{"email":42,"password":"a long enough passphrase","firstName":"A"}', ...bad() },
  { name: "array for password", body: '{"email":"a@b.co","password":["x"],"firstName":"A"}', ...bad() },
  { name: "object for firstName", body: signup({ firstName: { first: "A" } }), ...bad() },
  { name: "unknown key on signup", body: signup({ role: "admin" }), ...bad() },
  { name: "very long firstName", body: signup({ firstName: "A".repeat(10_000) }), ...bad() },
  { name: "very long password", body: signup({ password: "p".repeat(600) }), ...bad() },
  { name: "NUL escaped in firstName", body: signup({ firstName: "A\u0000B" }), ...status(400) },
  { name: "ESC escaped in lastName", body: signup({ lastName: "\u001b[31mred" }), ...status(400) },
  { name: "NUL inside the email", body: signup({ email: `ada\u0000${fresh()}` }), ...bad() },
  { name: "zero-width space inside the email", body: signup({ email: `ada\u200b${fresh()}` }), ...bad() },
  { name: "bidi override in firstName", body: signup({ firstName: "A\u202eB" }), ...bad() },
  { name: "lone high surrogate in password", body: `{"email":"${fresh()}","password":"a long passphrase \\ud800","firstName":"A"}`, ...bad() },
  { name: "lone low surrogate in firstName", body: `{"email":"${fresh()}","password":"a long enough passphrase","firstName":"\\udfff"}`, ...bad() },
  { name: "password holding the word bazaar", body: signup({ password: "my bazaar passphrase" }), ...bad("WEAK_PASSWORD") },
  { name: "duplicate keys, last one an operator", body: '{"email":"a@b.co","email":{"$gt":""},"password":"a long enough passphrase","firstName":"A"}', ...bad("HOSTILE_INPUT") },
  { name: "duplicate keys, both strings", body: `{"email":"a@b.co","email":"${fresh()}","password":"a long enough passphrase","firstName":"A"}`, ...status(201) },

  // Operators, prototype keys and nesting.
  login("Mongo operator as email", '{"email":{"$gt":""},"password":"x"}', bad("HOSTILE_INPUT")),
  login("Mongo operator as password", `{"email":"${EMAIL}","password":{"$ne":null}}`, bad("HOSTILE_INPUT")),
  login("top-level $where", '{"$where":"sleep(1000)","email":"a@b.co","password":"x"}', bad("HOSTILE_INPUT")),
  login("$ key written as a unicode escape", '{"email":{"\\u0024gt":""},"password":"x"}', bad("HOSTILE_INPUT")),
  login("$regex operator", '{"email":{"$regex":".*"},"password":"x"}', bad("HOSTILE_INPUT")),
  { name: "__proto__ key", body: '{"__proto__":{"isAdmin":true},"email":"a@b.co","password":"a long enough passphrase","firstName":"A"}', ...bad("HOSTILE_INPUT") },
  { name: "__proto__ written as unicode escapes", body: '{"\\u005f\\u005fproto__":{"isAdmin":true},"email":"a@b.co"}', ...bad("HOSTILE_INPUT") },
  { name: "constructor.prototype", body: '{"constructor":{"prototype":{"isAdmin":true}},"email":"a@b.co"}', ...bad("HOSTILE_INPUT") },
  { name: "constructor at depth", body: '{"email":"a@b.co","lastName":{"a":{"b":{"constructor":{"prototype":{"x":1}}}}}}', ...bad("HOSTILE_INPUT") },
  { name: "prototype inside an array", body: '{"email":"a@b.co","lastName":[{"prototype":{"x":1}}]}', ...bad("HOSTILE_INPUT") },
  { name: "deeply nested arrays", body: nested(5000), ...bad("HOSTILE_INPUT") },
  { name: "deeply nested objects", body: deepObject(40), ...bad("HOSTILE_INPUT") },

  // Login: the real account's password in the request, never in the answer.
  login("real password, unknown key", JSON.stringify({ email: EMAIL, password: PASSWORD, role: "admin" }), bad()),
  login("real password, email as an array", JSON.stringify({ email: [EMAIL], password: PASSWORD }), bad()),
  login("real password, unknown email", JSON.stringify({ email: fresh(), password: PASSWORD }), status(401, "INVALID_CREDENTIALS")),
  login("wrong password for the real account", JSON.stringify({ email: EMAIL, password: `${PASSWORD}!` }), status(401, "INVALID_CREDENTIALS")),
  login("password longer than any allowed", JSON.stringify({ email: EMAIL, password: "p".repeat(600) }), bad()),
  login("missing password", JSON.stringify({ email: EMAIL }), bad()),
  login("emailId instead of email", JSON.stringify({ emailId: EMAIL, password: PASSWORD }), status(200)),
  login("both email and emailId", JSON.stringify({ email: EMAIL, emailId: EMAIL, password: PASSWORD }), bad()),
  login("email with a NUL before the real address", JSON.stringify({ email: `\u0000${EMAIL}`, password: PASSWORD }), bad()),

  // Logout takes no body, but one that is sent is screened like any other; never sent with the live session.
  { name: "logout with malformed JSON", path: "/logout", body: "{", ...bad("MALFORMED_JSON") },
  { name: "logout with an operator body", path: "/logout", body: '{"$where":"1"}', ...bad("HOSTILE_INPUT") },
  { name: "logout with a text body", path: "/logout", body: "bye", type: "text/plain", ...status(415, "UNSUPPORTED_MEDIA_TYPE") },
  { name: "logout with no body and a garbage cookie", path: "/logout", body: "", type: null, headers: { cookie: "__Host-bazaar_session=not.a.jwt" }, ...status(204) },

  // Profile edit, as the logged-in user.
  edit("__proto__ in profile edit", '{"__proto__":{"role":"admin"}}', bad("HOSTILE_INPUT")),
  edit("operator in profile edit", '{"firstName":{"$set":"x"}}', bad("HOSTILE_INPUT")),
  edit("constructor inside skills", '{"skills":[{"constructor":{"prototype":{}}}]}', bad("HOSTILE_INPUT")),
  edit("null skill", '{"skills":[null]}', bad()),
  edit("huge number age", '{"age":1e308}', bad()),
  edit("age beyond double range", '{"age":1e999}', bad()),
  edit("negative zero age", '{"age":-0}', bad()),
  edit("fractional age", '{"age":36.5}', bad()),
  edit("boolean age", '{"age":true}', bad()),
  edit("NaN-like age", '{"age":"NaN"}', bad()),
  edit("numeric string age", '{"age":"36"}', status(200)),
  edit("empty string to clear lastName", '{"lastName":""}', status(200)),
  edit("empty object", "{}", bad()),
  edit("array instead of object", '[{"firstName":"A"}]', bad()),
  edit("email is not editable", '{"email":"evil@example.com"}', bad()),
  edit("password is not editable", JSON.stringify({ password: PASSWORD }), bad()),
  edit("role is not editable", '{"role":"admin","firstName":"A"}', bad()),
  edit("string instead of skills array", '{"skills":"math"}', bad()),
  edit("nested arrays as skills", '{"skills":[["math"]]}', bad()),
  edit("21 skills", JSON.stringify({ skills: Array.from({ length: 21 }, (_, i) => `s${i}`) }), bad()),
  edit("repeated skill", '{"skills":["Math","math"]}', bad()),
  edit("about over 1000 characters", JSON.stringify({ about: "x".repeat(1001) }), bad()),
  edit("unknown gender", '{"gender":"admin"}', bad()),
  edit("javascript: photoUrl", '{"photoUrl":"javascript:alert(1)"}', status(400)),
  edit("http photoUrl", '{"photoUrl":"http://example.com/a.png"}', status(400)),
  edit("markup after a valid photoUrl", JSON.stringify({ photoUrl: 'https://example.com/a.png"><img src=x onerror=alert(1)>' }), status(200)),
  edit("credentials in photoUrl", '{"photoUrl":"https://user:pass@example.com/a.png"}', bad()),
  edit("lone surrogate in about", '{"about":"\\ud83d"}', bad()),
  edit("valid body without a session", '{"firstName":"A"}', { session: false, ...status(401, "UNAUTHENTICATED") }),

  // Change password, as the logged-in user; none of these may change it.
  change("operator as old password", '{"oldPassword":{"$ne":null},"newPassword":"another long passphrase"}', bad("HOSTILE_INPUT")),
  change("missing new password", JSON.stringify({ oldPassword: PASSWORD }), bad()),
  change("new password equal to the current one", JSON.stringify({ oldPassword: PASSWORD, newPassword: PASSWORD }), bad("WEAK_PASSWORD")),
  change("wrong old password, real one as the new", JSON.stringify({ oldPassword: "not the password", newPassword: PASSWORD }), bad("WRONG_PASSWORD")),
  change("new password too long", JSON.stringify({ oldPassword: PASSWORD, newPassword: "n".repeat(600) }), bad()),
  change("new password with a lone surrogate", '{"oldPassword":"not the password","newPassword":"a long passphrase \\udc00"}', bad()),
  change("unknown key", JSON.stringify({ oldPassword: PASSWORD, newPassword: "another long passphrase", userId: "someone" }), bad()),
];

function chunked(text: string): string {
  const parts = text.match(/.{1,4000}/gs) ?? [];
  return parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join("") + "0\r\n\r\n";
}

describe("hostile request bodies on the account and profile routes", () => {
  it.each(rows)("$name", async ({ type, ...row }) => {
    const headers: Record<string, string | Buffer> = { ...row.headers };
    if (type !== null) headers["content-type"] = type ?? "application/json";
    await checkHostileCase(target, { ...row, method: row.method ?? "POST", path: row.path ?? "/signup", headers });
  });

  it("does not pollute Object.prototype", async () => {
    await server.client().request("POST", "/signup", { body: '{"__proto__":{"polluted":true}}', headers: { "content-type": "application/json" } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("leaves the account usable with its password after all of the above", async () => {
    expect((await server.client().post("/login", { json: { email: EMAIL, password: PASSWORD } })).status).toBe(200);
    expect((await server.client().get("/profile/view", { headers: { cookie: target.sessionCookie } })).status).toBe(200);
  });
});
