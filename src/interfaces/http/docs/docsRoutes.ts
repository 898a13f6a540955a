import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type Router from "@koa/router";
import { documentSecurityHeaders } from "../middleware/securityHeaders.js";

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve("swagger-ui-dist/package.json"));

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Bazaar API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/init.js"></script>
</body>
</html>`;

// A file, not an inline script, so the page works under a strict Content-Security-Policy.
const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });`;

// A Map, not an object literal: a request for `__proto__`, `constructor` or `toString` must find nothing.
const ASSETS = new Map<string, { type: string; body: Buffer | string }>([
  ["swagger-ui.css", { type: "text/css; charset=utf-8", body: readFileSync(join(SWAGGER_DIR, "swagger-ui.css")) }],
  ["swagger-ui-bundle.js", { type: "text/javascript; charset=utf-8", body: readFileSync(join(SWAGGER_DIR, "swagger-ui-bundle.js")) }],
  ["init.js", { type: "text/javascript; charset=utf-8", body: INIT }],
]);

/** The docs page and its assets are served by Bazaar itself: no CDN, works offline. Added to the API's router, so hot routes pay for one router, not two. */
export function addDocsRoutes(router: Router, document: unknown): void {
  const json = JSON.stringify(document);
  router.get("/openapi.json", (ctx) => {
    ctx.type = "application/json";
    ctx.body = json;
  });
  router.get("/docs", documentSecurityHeaders(), (ctx) => {
    ctx.type = "text/html; charset=utf-8";
    ctx.body = PAGE;
  });
  router.get("/docs/assets/:file", (ctx) => {
    const asset = ASSETS.get(ctx.params.file ?? "");
    if (!asset) return;
    ctx.type = asset.type;
    ctx.set("Cache-Control", "public, max-age=86400");
    ctx.body = asset.body;
  });
}
