import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./infrastructure/config/config.js";
import { createLogger } from "./infrastructure/logging/logger.js";
import { startServer } from "./server.js";
import { seedCatalogIfEmpty } from "./catalogSeed.js";
import { TOKENS } from "./container.js";
import type { ProductRepository } from "./domain/catalog/ProductRepository.js";

if (existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}

const logger = createLogger(config.logLevel);
const running = await startServer(config, logger);
logger.info({ url: running.url, env: config.env, adapters: running.runtime.adapters }, `Bazaar listening on ${running.url} (${running.runtime.adapters.join("; ")})`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    running.stop().then(
      () => {
        logger.info("shutdown complete");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}

// After listening, so the API and health checks answer while the first start renders and stores the catalog.
seedCatalogIfEmpty(config.catalog, running.runtime.container.resolve<ProductRepository>(TOKENS.Products), logger).catch((error: unknown) =>
  logger.error({ err: error }, "catalog seeding failed"),
);
