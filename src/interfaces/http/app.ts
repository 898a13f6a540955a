import cors from "@koa/cors";
import Router from "@koa/router";
import Koa, { type Context, type Middleware } from "koa";
import type { Logger } from "../../infrastructure/logging/logger.js";
import { allowedMethods } from "./allowedMethods.js";
import { addDocsRoutes } from "./docs/docsRoutes.js";
import { openApiDocument } from "./docs/openApiDocument.js";
import { clientWentAway, connectionErrorSummary } from "./errors/connectionErrorSummary.js";
import { errorHandler } from "./errors/errorHandler.js";
import { httpMetrics, type HttpMetrics } from "./middleware/httpMetrics.js";
import { jsonBody } from "./middleware/jsonBody.js";
import { requestContext } from "./middleware/requestContext.js";
import { apiSecurityHeaders } from "./middleware/securityHeaders.js";
import { accountDeletionRoutes, type AccountDeletionDeps } from "./routes/accountDeletionRoutes.js";
import { accountRoutes, type AccountDeps } from "./routes/accountRoutes.js";
import { healthRoutes, type Readiness } from "./routes/healthRoutes.js";
import { linkPageRoutes } from "./routes/linkPageRoutes.js";
import { recoveryRoutes, type RecoveryDeps } from "./routes/recoveryRoutes.js";
import { profileRoutes, type ProfileDeps } from "./routes/profileRoutes.js";
import { mount, type Route } from "./routes/route.js";
import type { MediaFiles } from "../../application/ports/MediaFiles.js";
import { mediaFiles } from "./media/mediaFiles.js";
import { productRoutes, type CatalogDeps } from "./routes/productRoutes.js";
import { sessionRoutes, type SessionDeps } from "./routes/sessionRoutes.js";
import { sessionCookieName, type CookieSettings } from "./sessionCookie.js";
import type { AuthThrottle } from "./throttling/AuthThrottle.js";

export interface HttpSettings {
  corsOrigins: string[];
  /** Proxies in front of us whose X-Forwarded-For we believe; 0 means the socket address is the client. */
  trustProxyHops: number;
  bodyLimitBytes: number;
  cookies: CookieSettings;
}

type UseCasesOf<Deps> = Omit<Deps, "throttle" | "cookies">;

/** The feature handles are taken whole: a use-case added to a feature reaches its route without touching this file. */
export interface HttpDeps {
  accounts: UseCasesOf<AccountDeps> & UseCasesOf<ProfileDeps> & UseCasesOf<RecoveryDeps> & UseCasesOf<AccountDeletionDeps> & UseCasesOf<SessionDeps>;
  catalog: CatalogDeps;
  throttle: AuthThrottle;
  readiness: Readiness;
  logger: Logger;
  settings: HttpSettings;
  /** Locally stored catalog images, served under /media. */
  media: MediaFiles;
  /** Request durations and requests in flight, when the process serves metrics (METRICS_PORT). */
  metrics?: HttpMetrics | undefined;
}

export function apiRoutes(deps: HttpDeps): Route[] {
  const edge = { throttle: deps.throttle, cookies: deps.settings.cookies };
  return [
    ...accountRoutes({ ...deps.accounts, ...edge }),
    ...profileRoutes({ ...deps.accounts, ...edge }),
    ...recoveryRoutes({ ...deps.accounts, ...edge }),
    ...linkPageRoutes(),
    ...accountDeletionRoutes({ ...deps.accounts, ...edge }),
    ...sessionRoutes({ ...deps.accounts, ...edge }),
    ...healthRoutes(deps.readiness, deps.logger),
    ...productRoutes(deps.catalog),
  ];
}

/**
 * What every request crosses before the routes, in order. Named, so that the HTTP benchmark can add the layers one
 * at a time on top of bare Koa and show what each costs.
 */
export function middlewareStack(settings: HttpSettings, logger: Logger, media: MediaFiles): Array<[name: string, Middleware]> {
  const allowed = new Set(settings.corsOrigins);
  return [
    ["request id and access log", requestContext(logger)],
    ["error mapping", errorHandler(logger)],
    ["security headers (helmet, API set)", apiSecurityHeaders()],
    ["CORS", cors({ origin: (ctx) => (allowed.has(ctx.get("origin")) ? ctx.get("origin") : ""), credentials: true, maxAge: 600 })],
    ["JSON body screening", jsonBody(settings.bodyLimitBytes)],
    ["local media (/media/*)", mediaFiles(media)],
  ];
}

export function createHttpApp(deps: HttpDeps): Koa {
  const { settings, logger } = deps;
  const app = new Koa({ proxy: settings.trustProxyHops > 0, maxIpsCount: settings.trustProxyHops });
  app.on("error", (error: unknown, ctx?: Context) => logOutsideRequest(logger, error, ctx));

  const routes = apiRoutes(deps);
  const api = new Router();
  mount(api, routes);
  addDocsRoutes(api, openApiDocument(routes, sessionCookieName(settings.cookies)));
  if (deps.metrics) app.use(httpMetrics(deps.metrics));
  for (const [, middleware] of middlewareStack(settings, logger, deps.media)) app.use(middleware);
  app.use(allowedMethods(api)).use(api.routes());
  return app;
}

/**
 * Koa reports here what happens after a response began (the client hung up, the socket failed). Only a summary is
 * logged: such errors may carry the connection's raw bytes. A client hanging up is routine, hence debug.
 */
function logOutsideRequest(logger: Logger, error: unknown, ctx: Context | undefined): void {
  const summary = connectionErrorSummary(error);
  const line = { ...summary, reqId: ctx?.state.requestId as string | undefined, ip: ctx?.ip || undefined };
  if (clientWentAway(summary)) logger.debug(line, "connection ended during a response");
  else logger.warn(line, "koa error outside a request");
}
