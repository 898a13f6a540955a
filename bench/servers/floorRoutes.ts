import { createSecretKey } from "node:crypto";
import Router from "@koa/router";
import jwt from "jsonwebtoken";
import type { Fixture } from "./fixture.js";

/** The bare server's work as Koa routes: the same pinned HS256 verify with a KeyObject, a Map lookup, the same page. */
export function floorRouter(f: Fixture): Router {
  const key = createSecretKey(Buffer.from(f.jwt.secret, "utf8"));
  const users = new Map([[f.user.id, { user: f.user, sessionVersion: f.sessionVersion }]]);
  const router = new Router();
  router.get("/profile/view", (ctx) => {
    const token = ctx.cookies.get(f.cookieName);
    try {
      if (!token) throw new Error("no session");
      const claims = jwt.verify(token, key, { algorithms: ["HS256"], issuer: f.jwt.issuer, audience: f.jwt.audience }) as jwt.JwtPayload;
      const found = users.get(claims.sub ?? "");
      if (!found || found.sessionVersion !== claims.sv) throw new Error("ended");
      ctx.body = found.user;
    } catch {
      ctx.status = 401;
      ctx.body = { error: { code: "UNAUTHENTICATED", message: "log in" } };
    }
  });
  router.get("/products", (ctx) => {
    const limit = Math.min(Math.max(Number(ctx.query.limit ?? 24) || 24, 1), 100);
    ctx.body = { items: f.productPage?.items.slice(0, limit) ?? [], nextCursor: f.productPage?.nextCursor ?? null };
  });
  router.get("/healthz", (ctx) => {
    ctx.body = { status: "ok" };
  });
  return router;
}
