import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHostileCase, hostileTarget, type HostileTarget } from "../support/hostileCases.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

// The operations and docs routes, unknown paths, and methods a route does not take.

let server: TestServer;
let target: HostileTarget;
beforeAll(async () => {
  server = await startTestServer();
  target = await hostileTarget(server);
});
afterAll(() => server.stop());

type Expectation = { status: number; code?: string } | undefined;
type Row = [name: string, method: string, path: string, expected?: Expectation];
const ok: Expectation = { status: 200 };
const notFound: Expectation = { status: 404, code: "NOT_FOUND" };
const notAllowed: Expectation = { status: 405, code: "METHOD_NOT_ALLOWED" };

const rows: Row[] = [
  // Operations.
  ["liveness (control)", "GET", "/healthz", ok],
  ["liveness with a __proto__ query", "GET", "/healthz?__proto__[x]=1&constructor=1", ok],
  ["liveness, HEAD", "HEAD", "/healthz", ok],
  ["liveness, POST", "POST", "/healthz", notAllowed],
  ["liveness, PUT", "PUT", "/healthz", notAllowed],
  ["liveness, DELETE", "DELETE", "/healthz", notAllowed],
  ["readiness (control)", "GET", "/readyz", ok],
  ["readiness with a query", "GET", `/readyz?verbose=${"v".repeat(4_000)}`, ok],
  ["readiness, POST", "POST", "/readyz", notAllowed],
  ["readiness, HEAD", "HEAD", "/readyz", ok],

  // OpenAPI document and docs.
  ["the OpenAPI document (control)", "GET", "/openapi.json", ok],
  ["the OpenAPI document, HEAD", "HEAD", "/openapi.json", ok],
  ["the OpenAPI document, PUT", "PUT", "/openapi.json", notAllowed],
  ["the OpenAPI document with a NUL after it", "GET", "/openapi.json%00", notFound],
  ["the OpenAPI document as a folder", "GET", "/openapi.json/x", notFound],
  ["the docs page (control)", "GET", "/docs", ok],
  ["the docs page, POST", "POST", "/docs", notAllowed],
  ["a docs asset (control)", "GET", "/docs/assets/init.js", ok],
  ["the Swagger UI stylesheet (control)", "GET", "/docs/assets/swagger-ui.css", ok],
  ["docs asset __proto__", "GET", "/docs/assets/__proto__", notFound],
  ["docs asset constructor", "GET", "/docs/assets/constructor", notFound],
  ["docs asset toString", "GET", "/docs/assets/toString", notFound],
  ["docs asset hasOwnProperty", "GET", "/docs/assets/hasOwnProperty", notFound],
  ["docs asset by encoded traversal", "GET", "/docs/assets/..%2f..%2fpackage.json", notFound],
  ["docs asset by encoded dot-dot", "GET", "/docs/assets/%2e%2e%2f%2e%2e%2fpackage.json", notFound],
  ["docs asset by raw traversal", "GET", "/docs/assets/../../package.json", notFound],
  ["docs asset with a NUL", "GET", "/docs/assets/init.js%00", notFound],
  ["docs asset, upper case", "GET", "/docs/assets/INIT.JS", notFound],
  ["docs asset under a folder", "GET", "/docs/assets/init.js/x", notFound],
  ["docs asset with a 5000-character name", "GET", `/docs/assets/${"a".repeat(5_000)}`, notFound],
  ["the docs asset folder", "GET", "/docs/assets/", notFound],
  ["docs asset, DELETE", "DELETE", "/docs/assets/init.js", notAllowed],

  // Unknown paths.
  ["an unknown path", "GET", "/nope", notFound],
  ["an encoded NUL as the path", "GET", "/%00", notFound],
  ["a dotfile", "GET", "/.env", notFound],
  ["a repository file", "GET", "/.git/config", notFound],
  ["a raw traversal from the root", "GET", "/../../etc/passwd", notFound],
  ["a traversal after a real route", "GET", "/profile/view/../../../etc/passwd", notFound],
  ["a PHP probe", "POST", "/wp-login.php", notFound],
  ["an 8000-character path", "GET", `/${"x".repeat(8_000)}`, notFound],
  ["an unknown path with a body method", "PUT", "/admin/users/1", notFound],
  ["a request in absolute form", "GET", "http://evil.example/healthz"],
  ["the asterisk target", "OPTIONS", "*"],

  // Methods a route does not take.
  ["signup, GET", "GET", "/signup", notAllowed],
  ["signup, PUT", "PUT", "/signup", notAllowed],
  ["signup, DELETE", "DELETE", "/signup", notAllowed],
  ["signup, OPTIONS", "OPTIONS", "/signup"],
  ["login, GET", "GET", "/login", notAllowed],
  ["login, PATCH", "PATCH", "/login", notAllowed],
  ["logout, GET", "GET", "/logout", notAllowed],
  ["profile view, POST", "POST", "/profile/view", notAllowed],
  ["profile view, HEAD without a session", "HEAD", "/profile/view", { status: 401 }],
  ["profile edit, PUT", "PUT", "/profile/edit", notAllowed],
  ["profile edit, DELETE", "DELETE", "/profile/edit", notAllowed],
  ["change password, POST", "POST", "/profile/changePassword", notAllowed],
  ["products, DELETE", "DELETE", "/products", notAllowed],
  ["products, HEAD", "HEAD", "/products", ok],
  ["products, HEAD with a bad limit", "HEAD", "/products?limit=-1", { status: 400 }],
  ["a product, PUT", "PUT", "/products/prd_00001", notAllowed],
  ["media, POST", "POST", "/media/products/x.png", notFound],
  ["a CORS preflight from a foreign origin", "OPTIONS", "/profile/edit"],

  // Methods no route takes: a 405 with Allow, never a 501 or an error-level log line.
  ["TRACE on liveness", "TRACE", "/healthz", notAllowed],
  ["TRACE on the profile, with the session", "TRACE", "/profile/view", notAllowed],
  ["PROPFIND on the root", "PROPFIND", "/", notAllowed],
  ["MKCOL under media", "MKCOL", "/media/x", notAllowed],
  ["PURGE on products", "PURGE", "/products", notAllowed],
  ["SEARCH on products", "SEARCH", "/products", notAllowed],
];

describe("hostile paths and methods", () => {
  it.each(rows)("%s", async (name, method, path, expected) => {
    const headers = name.includes("preflight") ? { origin: "https://evil.example", "access-control-request-method": "PATCH" } : undefined;
    await checkHostileCase(target, { name, method, path, headers, session: name.includes("with the session"), expect: expected });
  });

  it("still answers after all of the above", async () => {
    expect((await server.client().get("/healthz")).status).toBe(200);
  });
});
