import type { EventMessage } from "../../../domain/shared/EventMessage.js";
import type { UserEvent } from "../../../domain/users/UserEvents.js";
import { UnsupportedEvent } from "../NotificationErrors.js";
import { readUserEvent } from "./readUserEvent.js";

/** readUserEvent plus the string fields an event of this type must also carry (the new address, the previous one). */
export function readUserEventWith<K extends string>(message: EventMessage, type: UserEvent["type"], keys: readonly K[]) {
  const base = readUserEvent(message, type);
  const data = message.data as Record<string, unknown>;
  const extra = {} as Record<K, string>;
  for (const key of keys) {
    const value = data[key];
    if (typeof value !== "string") throw new UnsupportedEvent(`The ${type} event ${message.id} lacks ${key}`);
    extra[key] = value;
  }
  return { ...base, ...extra };
}

/** A forgotten-password request for an address with no account (or in its cooldown) carries `userId: null`: nothing to send. */
export function isNoAccount(message: EventMessage): boolean {
  const data = message.data as { userId?: unknown } | null;
  return data !== null && typeof data === "object" && data.userId === null;
}
