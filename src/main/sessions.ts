/** `npm run sessions -- list|revoke-all <email>`: an account's live sessions, and ending them all (support, incidents). */
import { ACCOUNTS, accountsModule } from "../composition/accounts.js";
import { eventsModule } from "../composition/events.js";
import { configOrExit, requireRedis } from "../composition/process.js";
import { recoveryModule } from "../composition/recovery.js";
import { buildRuntime } from "../composition/runtime.js";
import { createLogger } from "../infrastructure/logging/logger.js";
import { runSessionsCli } from "../interfaces/cli/sessionsCli.js";

const config = configOrExit();
const code = await runSessionsCli(process.argv.slice(2), {
  open: async () => {
    // Without them, users and sessions live inside the API process, out of any other process's reach.
    requireRedis(config, "REDIS_URL or REDIS_CLUSTER_NODES is required (in-memory sessions live inside the API process)");
    if (!config.mongo) {
      console.error("Invalid configuration: MONGODB_URI is required (in-memory users live inside the API process)");
      process.exit(78);
    }
    // The accounts handle is built whole: its recovery use-cases need the recovery module (emailed tokens, budgets),
    // its login and password use-cases the events module (the relay).
    const runtime = await buildRuntime({ ...config, logLevel: "error" }, createLogger("error"), [recoveryModule, accountsModule, eventsModule]);
    const { listSessions, revokeSessions } = runtime.container.resolve(ACCOUNTS);
    return { listSessions, revokeSessions, close: runtime.close };
  },
  out: process.stdout,
  err: process.stderr,
});
process.exit(code);
