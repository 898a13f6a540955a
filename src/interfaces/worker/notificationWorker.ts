import type { EventBus, Subscription } from "../../application/ports/EventBus.js";
import { NotificationInProgress } from "../../application/notifications/NotificationErrors.js";
import type { EventUseCase } from "../../application/shared/EventUseCase.js";
import type { Logger } from "../../infrastructure/logging/logger.js";

export const NOTIFICATIONS_GROUP = "notifications";

/** `retried`: a delivery after the first one began; each delivery then also ends as one of the other three. */
export type EmailOutcome = "sent" | "failed" | "retried" | "skipped_duplicate";

/** What the worker counts; the process decides where the counts go (Prometheus, or nowhere). */
export interface NotificationMetrics {
  email(event: string, outcome: EmailOutcome): void;
}

export interface NotificationWorkerDeps {
  bus: EventBus;
  /** Each handler is subscribed to the channel named by its event type. */
  handlers: readonly EventUseCase[];
  logger: Logger;
  /**
   * For the one line per email sent (channel, event id, trace id, attempt, outcome: no field can hold a credential), a
   * logger that may skip the scrub every other line goes through; `logger` when not given.
   */
  sentLogger?: Logger | undefined;
  group?: string;
  metrics?: NotificationMetrics | undefined;
}

export interface NotificationWorker {
  /** Stops taking messages; in-flight ones finish or go back to the group for another worker. */
  stop(): Promise<void>;
}

/** Turns bus messages into notification use-cases; everything about retries and dead letters is the bus's job. */
export async function startNotificationWorker(d: NotificationWorkerDeps): Promise<NotificationWorker> {
  const group = d.group ?? NOTIFICATIONS_GROUP;
  const sentLogger = d.sentLogger ?? d.logger;
  const count = (channel: string, outcome: EmailOutcome) => d.metrics?.email(channel, outcome);
  const subscriptions: Subscription[] = [];
  for (const handler of d.handlers) {
    const channel = handler.eventType;
    subscriptions.push(
      await d.bus.subscribe(channel, group, async (message, delivery) => {
        if (delivery.attempt > 1) count(channel, "retried");
        let outcome: unknown;
        try {
          outcome = await handler.execute(message);
        } catch (error) {
          // Another worker holding the claim is not a failure of this email: that worker sends it.
          if (!(error instanceof NotificationInProgress)) count(channel, "failed");
          throw error;
        }
        count(channel, outcome === "sent" ? "sent" : "skipped_duplicate");
        // The trace id ties this line (and the mail's X-Bazaar-Trace-Id header) to the request that raised the event.
        const traceId = message.trace?.traceId;
        sentLogger.info({ channel, eventId: message.id, traceId, attempt: delivery.attempt, outcome }, outcome === "sent" ? "notification sent" : "notification already sent; skipped");
      }),
    );
  }
  return { stop: async () => void (await Promise.all(subscriptions.map((s) => s.close()))) };
}
