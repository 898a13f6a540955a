import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendRaw } from "../support/rawHttp.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: "https://shop.example.com, https://admin.example.com" });
});
afterAll(() => server.stop());

describe("operations endpoints", () => {
  it("GET /healthz says the process is alive", async () => {
    const res = await server.client().get("/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("GET /readyz says ready when every configured dependency answers", async () => {
    const res = await server.client().get("/readyz");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ready");
  });

  it("unknown routes get 404 and wrong methods 405, in the standard error shape", async () => {
    const missing = await server.client().get("/nope");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
    const wrongMethod = await server.client().request("DELETE", "/signup");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe("METHOD_NOT_ALLOWED");
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });

  it("answers TRACE and every other method no route serves with 405, Allow and the error shape, never 501", async () => {
    const port = Number(new URL(server.url).port);
    const cases = [
      ["TRACE", "/profile/view", "GET, HEAD"],
      ["TRACE", "/signup", "POST"],
      ["PROPFIND", "/products", "GET, HEAD"],
      ["LOCK", "/healthz", "GET, HEAD"],
      ["TRACE", "/sessions/some-id", "DELETE"],
      // An unknown path lists what the server serves anywhere.
      ["TRACE", "/no/such/path", "GET, HEAD, POST, PATCH, DELETE"],
      ["MKCOL", "/", "GET, HEAD, POST, PATCH, DELETE"],
    ];
    for (const [method, path, allow] of cases) {
      const [res] = await sendRaw(port, `${method} ${path} HTTP/1.1\r\nHost: bazaar\r\nCookie: session=abc\r\nConnection: close\r\n\r\n`);
      expect([res?.status, res?.headers.allow], `${method} ${path}`).toEqual([405, allow]);
      expect(JSON.parse(res!.body).error.code).toBe("METHOD_NOT_ALLOWED");
      expect(res!.body).not.toContain("abc");
      expect(res!.headers["x-frame-options"]).toBe("DENY");
    }
  });

  it("answers OPTIONS on a known path with its methods", async () => {
    const res = await server.client().request("OPTIONS", "/profile/edit");
    expect([res.status, res.headers.get("allow")]).toEqual([204, "PATCH"]);
  });

  it("echoes a sane X-Request-Id and replaces an unsafe one", async () => {
    const kept = await server.client().get("/healthz", { headers: { "x-request-id": "abc-123" } });
    expect(kept.headers.get("x-request-id")).toBe("abc-123");
    const replaced = await server.client().get("/healthz", { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("OpenAPI and docs", () => {
  it("documents every route from the same zod schemas the routes validate with", async () => {
    const doc = (await server.client().get("/openapi.json")).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ["/signup", "post"],
      ["/login", "post"],
      ["/logout", "post"],
      ["/profile/view", "get"],
      ["/profile/edit", "patch"],
      ["/profile/changePassword", "patch"],
      ["/sessions", "get"],
      ["/sessions/{id}", "delete"],
      ["/sessions/revoke-others", "post"],
      ["/healthz", "get"],
      ["/readyz", "get"],
    ]) expect(doc.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();

    expect(Object.keys(doc.components.schemas.SessionInfo.properties).sort()).toEqual(["createdAt", "current", "expiresAt", "id", "ip", "lastSeenAt", "userAgent"]);
    expect(doc.paths["/sessions/{id}"].delete.responses["404"]).toBeDefined();

    const edit = doc.components.schemas.EditProfileRequest;
    expect(edit.additionalProperties).toBe(false);
    expect(Object.keys(edit.properties).sort()).toEqual(["about", "age", "firstName", "gender", "lastName", "photoUrl", "skills"]);
    expect(edit.properties.age.anyOf ?? [edit.properties.age]).toEqual(expect.arrayContaining([expect.objectContaining({ minimum: 13, maximum: 120 })]));
    expect(doc.components.schemas.User.properties).not.toHaveProperty("passwordHash");
  });

  it("serves a docs page whose assets come from Bazaar itself", async () => {
    const page = await server.client().get("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset.startsWith("/")).toBe(true);
      const res = await server.client().get(asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get("content-type")).toMatch(asset.endsWith(".css") ? /text\/css/ : /javascript/);
    }
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
  });

  it("finds no asset named after an Object.prototype member", async () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      const res = await server.client().get(`/docs/assets/${name}`);
      expect([res.status, res.body?.error?.code], name).toEqual([404, "NOT_FOUND"]);
    }
  });
});

describe("security headers and CORS", () => {
  it("sends the API hardening headers (OWASP REST set): nothing may load, frame or cache a JSON answer", async () => {
    const res = await server.client().get("/healthz");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-powered-by")).toBeNull();
    const missing = await server.client().get("/no/such/route");
    expect([missing.status, missing.headers.get("cache-control"), missing.headers.get("x-frame-options")]).toEqual([404, "no-store", "DENY"]);
  });

  it("allows credentialed requests from allowlisted origins only", async () => {
    const allowed = await server.client().request("OPTIONS", "/login", {
      headers: { origin: "https://shop.example.com", "access-control-request-method": "POST" },
    });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");

    const denied = await server.client().request("OPTIONS", "/login", {
      headers: { origin: "https://evil.example.net", "access-control-request-method": "POST" },
    });
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });
});
