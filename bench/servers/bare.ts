import { createSecretKey } from "node:crypto";
import http from "node:http";
import { parse as parseCookies } from "cookie";
import jwt from "jsonwebtoken";
import { port, readFixture } from "./fixture.js";

/**
 * The practical ceiling: node:http doing only the work the endpoint needs — the same pinned HS256 verify
 * (KeyObject, iss/aud checked), the revocation and session-version checks, a Map lookup, JSON.stringify.
 * No framework, no security headers, no access log.
 */
const f = readFixture();
const key = createSecretKey(Buffer.from(f.jwt.secret, "utf8"));
const users = new Map([[f.user.id, { user: f.user, sessionVersion: f.sessionVersion }]]);
const revoked = new Map<string, number>();

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

function profile(req: http.IncomingMessage, res: http.ServerResponse): void {
  const token = parseCookies(req.headers.cookie ?? "")[f.cookieName];
  try {
    if (!token) throw new Error("no session");
    const claims = jwt.verify(token, key, { algorithms: ["HS256"], issuer: f.jwt.issuer, audience: f.jwt.audience }) as jwt.JwtPayload;
    const found = users.get(claims.sub ?? "");
    if ((revoked.get(claims.jti ?? "") ?? 0) > Date.now() || !found || found.sessionVersion !== claims.sv) throw new Error("ended");
    send(res, 200, found.user);
  } catch {
    send(res, 401, { error: { code: "UNAUTHENTICATED", message: "log in" } });
  }
}

function products(url: URL, res: http.ServerResponse): void {
  const limit = Math.min(Math.max(Number(url.searchParams.get("limit") ?? 24) || 24, 1), 100);
  send(res, 200, { items: f.productPage?.items.slice(0, limit) ?? [], nextCursor: f.productPage?.nextCursor ?? null });
}

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/profile/view") return profile(req, res);
    if (req.method === "GET" && url.pathname === "/products") return products(url, res);
    if (url.pathname === "/healthz") return send(res, 200, { status: "ok" });
    send(res, 404, { error: { code: "NOT_FOUND", message: "no route" } });
  })
  .listen(port(), "127.0.0.1");
