/** `npm start`: the HTTP API (and, without Redis, the notification worker in the same process). */
import { startApi } from "../composition/api.js";
import { seedCatalogIfEmpty } from "../composition/catalogSeed.js";
import { configOrExit, stopOnSignals } from "../composition/process.js";
import { createLogger } from "../infrastructure/logging/logger.js";

const config = configOrExit();
const logger = createLogger(config.logLevel);
const running = await startApi(config, logger);
logger.info({ url: running.url, env: config.env, adapters: running.runtime.adapters }, `Bazaar listening on ${running.url} (${running.runtime.adapters.join("; ")})`);
// In-flight requests finish before connections close (see startApi's stop).
stopOnSignals(logger, "api", running.stop);

// After listening, so the API and health checks answer while the first start renders and stores the catalog.
seedCatalogIfEmpty(running.runtime, logger).catch((error: unknown) => logger.error({ err: error }, "catalog seeding failed"));
