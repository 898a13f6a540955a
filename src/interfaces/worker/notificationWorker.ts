import type { EventBus, Subscription } from "../../application/ports/EventBus.js";
import type { EventUseCase } from "../../application/shared/EventUseCase.js";
import type { Logger } from "../../infrastructure/logging/logger.js";

export const NOTIFICATIONS_GROUP = "notifications";

export interface NotificationWorkerDeps {
  bus: EventBus;
  /** Each handler is subscribed to the channel named by its event type. */
  handlers: readonly EventUseCase[];
  logger: Logger;
  group?: string;
}

export interface NotificationWorker {
  /** Stops taking messages; in-flight ones finish or go back to the group for another worker. */
  stop(): Promise<void>;
}

/** Turns bus messages into notification use-cases; everything about retries and dead letters is the bus's job. */
export async function startNotificationWorker(d: NotificationWorkerDeps): Promise<NotificationWorker> {
  const group = d.group ?? NOTIFICATIONS_GROUP;
  const subscriptions: Subscription[] = [];
  for (const handler of d.handlers) {
    const channel = handler.eventType;
    subscriptions.push(
      await d.bus.subscribe(channel, group, async (message, delivery) => {
        const outcome = await handler.execute(message);
        d.logger.info({ channel, eventId: message.id, attempt: delivery.attempt, outcome }, outcome === "sent" ? "notification sent" : "notification already sent; skipped");
      }),
    );
  }
  return { stop: async () => void (await Promise.all(subscriptions.map((s) => s.close()))) };
}
