import type { Config } from "../infrastructure/config/config.js";
import type { Logger } from "../infrastructure/logging/logger.js";
import { PrometheusMetrics } from "../infrastructure/metrics/PrometheusMetrics.js";
import { listenForMetrics } from "../interfaces/metrics/metricsListener.js";

/** The process's metrics when METRICS_PORT is set; null otherwise, and then nothing is measured at all. */
export function processMetrics(config: Config, role: "api" | "worker"): PrometheusMetrics | null {
  return config.metricsPort === null ? null : new PrometheusMetrics({ http: role === "api" });
}

/** Starts the metrics listener on the API's host and METRICS_PORT; returns its stop. */
export async function serveMetrics(metrics: PrometheusMetrics | null, config: Config, logger: Logger): Promise<{ url: string | null; stop(): Promise<void> }> {
  if (!metrics || config.metricsPort === null) return { url: null, stop: async () => undefined };
  const listener = await listenForMetrics(metrics, { host: config.host, port: config.metricsPort });
  logger.info({ metrics: listener.url }, `metrics on ${listener.url}`);
  return listener;
}
