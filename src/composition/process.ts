import { existsSync } from "node:fs";
import { ConfigError, loadConfig, type Config } from "../infrastructure/config/config.js";
import type { Logger } from "../infrastructure/logging/logger.js";

/** Every entry point starts here: .env if present, then config, or one line naming the bad setting and exit 78. */
export function configOrExit(): Config {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}

/** Exits with `message` (as a configuration error) unless Redis is configured. */
export function requireRedis(config: Config, message: string): void {
  if (config.redis) return;
  console.error(`Invalid configuration: ${message}`);
  process.exit(78);
}

/** On the first SIGTERM or SIGINT, runs `stop` once and exits 0, or 1 if it failed. */
export function stopOnSignals(logger: Logger, what: string, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `${what}: shutting down`);
      stop().then(
        () => {
          logger.info(`${what}: stopped`);
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, `${what}: shutdown failed`);
          process.exit(1);
        },
      );
    });
  }
}
