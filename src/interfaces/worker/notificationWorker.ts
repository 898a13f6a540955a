import type { EventBus, EventMessage, Subscription } from "../../application/ports/EventBus.js";
import type { SendPasswordChangedNotice } from "../../application/notifications/SendPasswordChangedNotice.js";
import type { SendWelcomeEmail } from "../../application/notifications/SendWelcomeEmail.js";
import type { NotificationOutcome } from "../../application/notifications/sendOnce.js";
import type { Logger } from "../../infrastructure/logging/logger.js";

export const NOTIFICATIONS_GROUP = "notifications";

export interface NotificationWorkerDeps {
  bus: EventBus;
  sendWelcomeEmail: SendWelcomeEmail;
  sendPasswordChangedNotice: SendPasswordChangedNotice;
  logger: Logger;
  group?: string;
}

export interface NotificationWorker {
  /** Stops taking messages; in-flight ones finish or go back to the group for another worker. */
  stop(): Promise<void>;
}

type UseCase = (message: EventMessage) => Promise<NotificationOutcome>;

/** Turns bus messages into notification use-cases; everything about retries and dead letters is the bus's job. */
export async function startNotificationWorker(d: NotificationWorkerDeps): Promise<NotificationWorker> {
  const group = d.group ?? NOTIFICATIONS_GROUP;
  const routes: [string, UseCase][] = [
    ["user:signup", (m) => d.sendWelcomeEmail.execute(m)],
    ["user:password-changed", (m) => d.sendPasswordChangedNotice.execute(m)],
  ];
  const subscriptions: Subscription[] = [];
  for (const [channel, useCase] of routes) {
    subscriptions.push(
      await d.bus.subscribe(channel, group, async (message, delivery) => {
        const outcome = await useCase(message);
        d.logger.info({ channel, eventId: message.id, attempt: delivery.attempt, outcome }, outcome === "sent" ? "notification sent" : "notification already sent; skipped");
      }),
    );
  }
  return { stop: async () => void (await Promise.all(subscriptions.map((s) => s.close()))) };
}
