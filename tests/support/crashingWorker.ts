/**
 * The notification worker as a child process, with one fault injected: with CRASH_AFTER_SENDS=n it SIGKILLs itself
 * right after its n-th email was accepted by the SMTP server and marked sent, before the bus acknowledgement.
 */
import { SendPasswordChangedNotice } from "../../src/application/notifications/SendPasswordChangedNotice.js";
import { SendWelcomeEmail } from "../../src/application/notifications/SendWelcomeEmail.js";
import type { EventMessage } from "../../src/application/ports/EventBus.js";
import type { Bus } from "../../src/composeEvents.js";
import { buildRuntime, TOKENS } from "../../src/container.js";
import { loadConfig } from "../../src/infrastructure/config/config.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { startNotificationWorker } from "../../src/interfaces/worker/notificationWorker.js";

const config = loadConfig();
const logger = createLogger(config.logLevel);
const runtime = await buildRuntime(config, logger);
const c = runtime.container;
const crashAfter = Number(process.env.CRASH_AFTER_SENDS ?? 0);
const welcome = c.resolve(SendWelcomeEmail);
let sent = 0;

const worker = await startNotificationWorker({
  bus: c.resolve<Bus>(TOKENS.EventBus),
  sendWelcomeEmail: {
    execute: async (message: EventMessage) => {
      const outcome = await welcome.execute(message);
      if (outcome === "sent" && ++sent === crashAfter) process.kill(process.pid, "SIGKILL");
      return outcome;
    },
  } as unknown as SendWelcomeEmail,
  sendPasswordChangedNotice: c.resolve(SendPasswordChangedNotice),
  logger,
});
process.send?.("ready");
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => runtime.close())
    .then(() => process.exit(0));
});
