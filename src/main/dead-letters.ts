/** `npm run dead-letters -- list|replay <channel> [group]`: what the workers gave up on, and putting it back. */
import { eventsModule } from "../composition/events.js";
import { configOrExit, requireRedis } from "../composition/process.js";
import { buildRuntime } from "../composition/runtime.js";
import { EVENT_BUS } from "../composition/tokens.js";
import { createLogger } from "../infrastructure/logging/logger.js";
import { runDeadLettersCli } from "../interfaces/cli/deadLettersCli.js";

const config = configOrExit();
const code = await runDeadLettersCli(process.argv.slice(2), {
  open: async () => {
    requireRedis(config, "REDIS_URL or REDIS_CLUSTER_NODES is required (the in-memory bus's dead letters live inside the API process)");
    const runtime = await buildRuntime({ ...config, logLevel: "error" }, createLogger("error"), [eventsModule]);
    return { deadLetters: runtime.container.resolve(EVENT_BUS), close: runtime.close };
  },
  out: process.stdout,
  err: process.stderr,
});
process.exit(code);
