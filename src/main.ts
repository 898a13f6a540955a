import { seedCatalogIfEmpty } from "./catalogSeed.js";
import { TOKENS } from "./container.js";
import type { ProductRepository } from "./domain/catalog/ProductRepository.js";
import { configOrExit, stopOnSignals } from "./entryPoint.js";
import { createLogger } from "./infrastructure/logging/logger.js";
import { startServer } from "./server.js";

const config = configOrExit();
const logger = createLogger(config.logLevel);
const running = await startServer(config, logger);
logger.info({ url: running.url, env: config.env, adapters: running.runtime.adapters }, `Bazaar listening on ${running.url} (${running.runtime.adapters.join("; ")})`);
// In-flight requests finish before connections close (see startServer's stop).
stopOnSignals(logger, "api", running.stop);

// After listening, so the API and health checks answer while the first start renders and stores the catalog.
seedCatalogIfEmpty(config.catalog, running.runtime.container.resolve<ProductRepository>(TOKENS.Products), logger).catch((error: unknown) =>
  logger.error({ err: error }, "catalog seeding failed"),
);
