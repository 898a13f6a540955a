import type { Config } from "../infrastructure/config/config.js";
import { reportBusMetrics } from "../infrastructure/events/metricsReporter.js";
import { unscrubbedChild, type Logger } from "../infrastructure/logging/logger.js";
import type { PrometheusMetrics } from "../infrastructure/metrics/PrometheusMetrics.js";
import { startNotificationWorker, type NotificationWorker } from "../interfaces/worker/notificationWorker.js";
import { accountsModule } from "./accounts.js";
import { startErasure, workerErases } from "./erasure.js";
import { eventsModule } from "./events.js";
import { NOTIFICATIONS, notificationsModule } from "./notifications.js";
import { recoveryModule } from "./recovery.js";
import type { FeatureModule, Runtime } from "./runtime.js";
import { EVENT_BUS } from "./tokens.js";

/** What a worker process needs: the emailed-token store, the users (for the erasure job), the bus, the mailer and the handlers; no catalog. */
export const WORKER_FEATURES: readonly FeatureModule[] = [recoveryModule, accountsModule, eventsModule, notificationsModule];

/**
 * The notification worker and the account erasure job on a built runtime: used by `npm run worker` and, on the
 * embedded default, inside the API.
 */
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
  const erasure = workerErases(config) ? startErasure(runtime, config, logger) : null;
  if (!erasure) logger.info("account erasure runs in the API process: without MongoDB the users live in its memory");
  return {
    stop: async () => {
      stopMetrics();
      await erasure?.stop();
      await worker.stop();
    },
  };
}
