import type { Config } from "../infrastructure/config/config.js";
import type { Logger } from "../infrastructure/logging/logger.js";
import { createHttpApp } from "../interfaces/http/app.js";
import { listen } from "../interfaces/http/server.js";
import { AuthThrottle } from "../interfaces/http/throttling/AuthThrottle.js";
import { ACCOUNTS, accountsModule } from "./accounts.js";
import { CATALOG, catalogModule } from "./catalog.js";
import { startErasure } from "./erasure.js";
import { eventsModule } from "./events.js";
import { processMetrics, serveMetrics } from "./metrics.js";
import { notificationsModule } from "./notifications.js";
import { recoveryModule } from "./recovery.js";
import { buildRuntime, type FeatureModule, type Runtime, type RuntimeOptions } from "./runtime.js";
import { AUTH_LIMITERS, EVENT_BUS, HEALTH_CHECKS, MEDIA_FILES, OUTBOX_RELAY } from "./tokens.js";
import { startWorker } from "./worker.js";

/** Everything the API process runs: accounts, the catalog, and the events they raise with their notifications. */
export const API_FEATURES: readonly FeatureModule[] = [recoveryModule, accountsModule, catalogModule, eventsModule, notificationsModule];

export interface RunningApi {
  url: string;
  runtime: Runtime;
  /** The Prometheus endpoint when METRICS_PORT is set. */
  metricsUrl: string | null;
  /** Stops accepting, lets in-flight requests finish (up to the configured timeout), then closes adapters. */
  stop(): Promise<void>;
}

export async function startApi(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<RunningApi> {
  const runtime = await buildRuntime(config, logger, API_FEATURES, options);
  const c = runtime.container;
  // Polling on startup delivers what a previous process saved but could not publish.
  const relay = c.resolve(OUTBOX_RELAY);
  relay.start();
  const metrics = processMetrics(config, "api");
  metrics?.watchOutbox(relay);
  metrics?.watchBus(c.resolve(EVENT_BUS));
  const worker = config.notifications.inProcess ? await startWorker(runtime, config, logger, metrics) : null;
  // Without MongoDB the users live in this process: a separate worker cannot erase them, so the API does.
  const erasure = !worker && !config.mongo ? startErasure(runtime, config, logger) : null;
  let accepting = true;
  const cookies = { secure: config.env !== "development" };

  const app = createHttpApp({
    logger,
    settings: { corsOrigins: config.corsOrigins, trustProxyHops: config.trustProxyHops, bodyLimitBytes: config.bodyLimitBytes, cookies },
    throttle: new AuthThrottle(c.resolve(AUTH_LIMITERS), metrics ?? undefined),
    accounts: c.resolve(ACCOUNTS),
    catalog: c.resolve(CATALOG),
    readiness: { checks: c.resolve(HEALTH_CHECKS), accepting: () => accepting },
    media: c.resolve(MEDIA_FILES),
    metrics: metrics ?? undefined,
  });
  const http = await listen(app, { host: config.host, port: config.port, shutdownTimeoutMs: config.shutdownTimeoutMs }, logger);
  const metricsListener = await serveMetrics(metrics, config, logger);

  return {
    url: http.url,
    runtime,
    metricsUrl: metricsListener.url,
    stop: async () => {
      accepting = false;
      await http.stop();
      await metricsListener.stop();
      await erasure?.stop();
      await worker?.stop();
      await runtime.close();
    },
  };
}
