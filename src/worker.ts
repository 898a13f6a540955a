import { existsSync } from "node:fs";
import { buildRuntime } from "./container.js";
import { ConfigError, loadConfig } from "./infrastructure/config/config.js";
import { createLogger } from "./infrastructure/logging/logger.js";
import { startWorker } from "./startWorker.js";

if (existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}
if (!config.redisUrl) {
  // The in-memory bus lives inside one process: a separate worker would never see the API's events.
  console.error("Invalid configuration: REDIS_URL is required for a separate worker (without it, `npm start` runs the worker in-process)");
  process.exit(78);
}

const logger = createLogger(config.logLevel);
const runtime = await buildRuntime(config, logger);
const worker = await startWorker(runtime, config, logger);
logger.info({ adapters: runtime.adapters }, `Bazaar notification worker running (${runtime.adapters.join("; ")})`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker shutting down: finishing or releasing in-flight messages");
    worker
      .stop()
      .then(() => runtime.close())
      .then(
        () => {
          logger.info("worker stopped");
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, "worker shutdown failed");
          process.exit(1);
        },
      );
  });
}
