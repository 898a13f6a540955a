import { existsSync } from "node:fs";
import type { Bus } from "./composeEvents.js";
import { buildRuntime, TOKENS } from "./container.js";
import { ConfigError, loadConfig } from "./infrastructure/config/config.js";
import { createLogger } from "./infrastructure/logging/logger.js";
import { NOTIFICATIONS_GROUP } from "./interfaces/worker/notificationWorker.js";

// Usage: npm run dead-letters -- list|replay <channel> [group]. Replay once the cause is fixed: workers dedupe by event id.
if (existsSync(".env")) process.loadEnvFile(".env");
const [command, channel, group = NOTIFICATIONS_GROUP] = process.argv.slice(2);
if (!["list", "replay"].includes(command ?? "") || !channel) {
  console.error("usage: npm run dead-letters -- list|replay <channel> [group]   e.g. list user:signup");
  process.exit(64);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}
if (!config.redisUrl) {
  console.error("Invalid configuration: REDIS_URL is required (the in-memory bus's dead letters live inside the API process)");
  process.exit(78);
}

const runtime = await buildRuntime({ ...config, logLevel: "error" }, createLogger("error"));
const bus = runtime.container.resolve<Bus>(TOKENS.EventBus);
if (command === "list") {
  for (const d of await bus.list(channel, group, 1_000)) console.log(JSON.stringify(d));
} else {
  console.log(`replayed ${await bus.replay(channel, group)} dead letter(s) of ${channel}/${group}`);
}
await runtime.close();
