import type { Bus } from "./composeEvents.js";
import { buildRuntime, TOKENS } from "./container.js";
import { configOrExit, requireRedis } from "./entryPoint.js";
import { createLogger } from "./infrastructure/logging/logger.js";
import { NOTIFICATIONS_GROUP } from "./interfaces/worker/notificationWorker.js";

// Usage: npm run dead-letters -- list|replay <channel> [group]. Replay once the cause is fixed: workers dedupe by event id.
const [command, channel, group = NOTIFICATIONS_GROUP] = process.argv.slice(2);
if (!["list", "replay"].includes(command ?? "") || !channel) {
  console.error("usage: npm run dead-letters -- list|replay <channel> [group]   e.g. list user:signup");
  process.exit(64);
}

const config = configOrExit();
requireRedis(config, "REDIS_URL is required (the in-memory bus's dead letters live inside the API process)");

const runtime = await buildRuntime({ ...config, logLevel: "error" }, createLogger("error"));
const bus = runtime.container.resolve<Bus>(TOKENS.EventBus);
if (command === "list") {
  for (const d of await bus.list(channel, group, 1_000)) console.log(JSON.stringify(d));
} else {
  console.log(`replayed ${await bus.replay(channel, group)} dead letter(s) of ${channel}/${group}`);
}
await runtime.close();
