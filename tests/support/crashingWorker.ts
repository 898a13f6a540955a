/**
 * The notification worker as a child process, with one fault injected: with CRASH_AFTER_SENDS=n it SIGKILLs itself
 * right after its n-th email was accepted by the SMTP server and marked sent, before the bus acknowledgement.
 */
import type { EventUseCase } from "../../src/application/shared/EventUseCase.js";
import { NOTIFICATIONS } from "../../src/composition/notifications.js";
import { buildRuntime } from "../../src/composition/runtime.js";
import { EVENT_BUS } from "../../src/composition/tokens.js";
import { WORKER_FEATURES } from "../../src/composition/worker.js";
import { USER_SIGNED_UP } from "../../src/domain/users/UserEvents.js";
import { loadConfig } from "../../src/infrastructure/config/config.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { startNotificationWorker } from "../../src/interfaces/worker/notificationWorker.js";

const config = loadConfig();
const logger = createLogger(config.logLevel);
const runtime = await buildRuntime(config, logger, WORKER_FEATURES);
const c = runtime.container;
const crashAfter = Number(process.env.CRASH_AFTER_SENDS ?? 0);
let sent = 0;

const crashingAfterWelcome = (handler: EventUseCase): EventUseCase =>
  handler.eventType !== USER_SIGNED_UP
    ? handler
    : {
        eventType: handler.eventType,
        execute: async (message) => {
          const outcome = await handler.execute(message);
          if (outcome === "sent" && ++sent === crashAfter) process.kill(process.pid, "SIGKILL");
          return outcome;
        },
      };

const worker = await startNotificationWorker({
  bus: c.resolve(EVENT_BUS),
  handlers: c.resolve(NOTIFICATIONS).map(crashingAfterWelcome),
  logger,
});
process.send?.("ready");
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => runtime.close())
    .then(() => process.exit(0));
});
