import type { Config } from "../infrastructure/config/config.js";
import { reportBusMetrics } from "../infrastructure/events/metricsReporter.js";
import { unscrubbedChild, type Logger } from "../infrastructure/logging/logger.js";
import type { PrometheusMetrics } from "../infrastructure/metrics/PrometheusMetrics.js";
import { startNotificationWorker, type NotificationWorker } from "../interfaces/worker/notificationWorker.js";
import { eventsModule } from "./events.js";
import { NOTIFICATIONS, notificationsModule } from "./notifications.js";
import type { FeatureModule, Runtime } from "./runtime.js";
import { EVENT_BUS } from "./tokens.js";

/** What a worker process needs: the bus, the mailer and the handlers; no users, no catalog. */
export const WORKER_FEATURES: readonly FeatureModule[] = [eventsModule, notificationsModule];

/** The notification worker on a built runtime: used by `npm run worker` and, on the embedded default, inside the API. */
export async function startWorker(runtime: Runtime, config: Config, logger: Logger, metrics: PrometheusMetrics | null = null): Promise<NotificationWorker> {
  const bus = runtime.container.resolve(EVENT_BUS);
  const workerLogger = logger.child({ component: "notification-worker" });
  const worker = await startNotificationWorker({
    bus,
    handlers: runtime.container.resolve(NOTIFICATIONS),
    logger: workerLogger,
    sentLogger: unscrubbedChild(workerLogger),
    metrics: metrics ?? undefined,
  });
  const stopMetrics = reportBusMetrics(bus, logger, config.worker.metricsIntervalMs);
  return {
    stop: async () => {
      stopMetrics();
      await worker.stop();
    },
  };
}
