import cors from "@koa/cors";
import Router from "@koa/router";
import Koa from "koa";
import helmet from "koa-helmet";
import type { Logger } from "../../infrastructure/logging/logger.js";
import { docsRouter } from "./docs/docsRoutes.js";
import { openApiDocument } from "./docs/openApiDocument.js";
import { errorHandler } from "./errors/errorHandler.js";
import { jsonBody } from "./middleware/jsonBody.js";
import { requestContext } from "./middleware/requestContext.js";
import { accountRoutes, type AccountDeps } from "./routes/accountRoutes.js";
import { healthRoutes, type Readiness } from "./routes/healthRoutes.js";
import { profileRoutes, type ProfileDeps } from "./routes/profileRoutes.js";
import { mount, type Route } from "./routes/route.js";
import type { MediaFiles } from "../../application/ports/MediaFiles.js";
import { mediaFiles } from "./media/mediaFiles.js";
import { productRoutes, type CatalogDeps } from "./routes/productRoutes.js";
import { sessionCookieName, type CookieSettings } from "./sessionCookie.js";

export interface HttpSettings {
  corsOrigins: string[];
  /** Proxies in front of us whose X-Forwarded-For we believe; 0 means the socket address is the client. */
  trustProxyHops: number;
  bodyLimitBytes: number;
  cookies: CookieSettings;
}

export type HttpDeps = AccountDeps & ProfileDeps & {
  readiness: Readiness;
  logger: Logger;
  settings: HttpSettings;
  catalog: CatalogDeps;
  /** Locally stored catalog images, served under /media. */
  media: MediaFiles;
};

export function apiRoutes(deps: HttpDeps): Route[] {
  return [...accountRoutes(deps), ...profileRoutes(deps), ...healthRoutes(deps.readiness), ...productRoutes(deps.catalog)];
}

export function createHttpApp(deps: HttpDeps): Koa {
  const { settings, logger } = deps;
  const app = new Koa({ proxy: settings.trustProxyHops > 0, maxIpsCount: settings.trustProxyHops });
  app.on("error", (error: unknown) => logger.warn({ err: error }, "koa error outside a request"));

  const routes = apiRoutes(deps);
  const api = new Router();
  mount(api, routes);
  const allowed = new Set(settings.corsOrigins);

  app
    .use(requestContext(logger))
    .use(errorHandler)
    .use(helmet())
    .use(cors({ origin: (ctx) => (allowed.has(ctx.get("origin")) ? ctx.get("origin") : ""), credentials: true, maxAge: 600 }))
    .use(jsonBody(settings.bodyLimitBytes))
    .use(docsRouter(openApiDocument(routes, sessionCookieName(settings.cookies))).routes())
    .use(mediaFiles(deps.media))
    .use(api.routes())
    .use(api.allowedMethods({ throw: true }));
  return app;
}
