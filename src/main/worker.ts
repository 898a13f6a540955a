/** `npm run worker`: a notification worker; run as many as you like against one Redis. */
import { configOrExit, requireRedis, stopOnSignals } from "../composition/process.js";
import { processMetrics, serveMetrics } from "../composition/metrics.js";
import { buildRuntime } from "../composition/runtime.js";
import { EVENT_BUS } from "../composition/tokens.js";
import { startWorker, WORKER_FEATURES } from "../composition/worker.js";
import { createLogger } from "../infrastructure/logging/logger.js";

const config = configOrExit();
// The in-memory bus lives inside one process: a separate worker would never see the API's events.
requireRedis(config, "REDIS_URL or REDIS_CLUSTER_NODES is required for a separate worker (without it, `npm start` runs the worker in-process)");

const logger = createLogger(config.logLevel);
const runtime = await buildRuntime(config, logger, WORKER_FEATURES);
const metrics = processMetrics(config, "worker");
metrics?.watchBus(runtime.container.resolve(EVENT_BUS));
const worker = await startWorker(runtime, config, logger, metrics);
const metricsListener = await serveMetrics(metrics, config, logger);
logger.info({ adapters: runtime.adapters }, `Bazaar notification worker running (${runtime.adapters.join("; ")})`);
// Finishes or releases in-flight messages before the connections close.
stopOnSignals(logger, "worker", async () => {
  await metricsListener.stop();
  await worker.stop();
  await runtime.close();
});
