import type { Context, Next } from "koa";

export interface RequestLabels {
  /** The matched route's template (`/products/:idOrSlug`), never the raw path: label values must stay few. */
  route: string;
  method: string;
  /** `2xx`, `4xx`, … */
  statusClass: string;
}

/** What the HTTP edge measures; the process decides where it goes (Prometheus, or nowhere). */
export interface HttpMetrics {
  requestStarted(): void;
  requestFinished(labels: RequestLabels, seconds: number): void;
}

export const UNMATCHED_ROUTE = "unmatched";
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Outermost layer, so the status it records is the one the client got, after error mapping. */
export function httpMetrics(metrics: HttpMetrics) {
  return async (ctx: Context, next: Next): Promise<void> => {
    metrics.requestStarted();
    const started = performance.now();
    let status = 500;
    try {
      await next();
      status = ctx.status;
    } finally {
      metrics.requestFinished(
        {
          route: routeTemplate(ctx),
          // Any method string is accepted on the wire; only the standard ones become label values.
          method: METHODS.has(ctx.method) ? ctx.method : "OTHER",
          statusClass: `${Math.floor(status / 100)}xx`,
        },
        (performance.now() - started) / 1000,
      );
    }
  };
}

function routeTemplate(ctx: Context): string {
  // Set by @koa/router to the path template of the layer that handled the request.
  const matched = (ctx as Context & { _matchedRoute?: unknown })._matchedRoute;
  if (typeof matched === "string") return matched;
  // Served before the router (local catalog images): one label for every file.
  if (ctx.path.startsWith("/media/")) return "/media/*";
  return UNMATCHED_ROUTE;
}
