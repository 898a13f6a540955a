import { SendPasswordChangedNotice } from "./application/notifications/SendPasswordChangedNotice.js";
import { SendWelcomeEmail } from "./application/notifications/SendWelcomeEmail.js";
import type { Bus } from "./composeEvents.js";
import { TOKENS, type Runtime } from "./container.js";
import type { Config } from "./infrastructure/config/config.js";
import { reportBusMetrics } from "./infrastructure/events/metricsReporter.js";
import type { Logger } from "./infrastructure/logging/logger.js";
import { startNotificationWorker, type NotificationWorker } from "./interfaces/worker/notificationWorker.js";

/** The notification worker on a built runtime: used by `npm run worker` and, on the embedded default, inside the API. */
export async function startWorker(runtime: Runtime, config: Config, logger: Logger): Promise<NotificationWorker> {
  const c = runtime.container;
  const bus = c.resolve<Bus>(TOKENS.EventBus);
  const worker = await startNotificationWorker({
    bus,
    sendWelcomeEmail: c.resolve(SendWelcomeEmail),
    sendPasswordChangedNotice: c.resolve(SendPasswordChangedNotice),
    logger: logger.child({ component: "notification-worker" }),
  });
  const stopMetrics = reportBusMetrics(bus, logger, config.worker.metricsIntervalMs);
  return {
    stop: async () => {
      stopMetrics();
      await worker.stop();
    },
  };
}
