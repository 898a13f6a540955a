import type { EventMessage } from "../../../domain/shared/EventMessage.js";
import { USER_SIGNED_IN_FROM_NEW_DEVICE, type NewSignInData, type UserEvent, type UserEventData } from "../../../domain/users/UserEvents.js";
import { UnsupportedEvent } from "../NotificationErrors.js";

const SUPPORTED_SCHEMA_VERSIONS = [1];

export function readUserEvent(message: EventMessage, type: UserEvent["type"]): UserEventData {
  if (message.type !== type) throw new UnsupportedEvent(`Expected a ${type} event, got ${message.type}`);
  if (!SUPPORTED_SCHEMA_VERSIONS.includes(message.schemaVersion))
    throw new UnsupportedEvent(`Schema version ${message.schemaVersion} of ${type} is not supported`);
  const data = message.data as Partial<UserEventData> | null;
  if (typeof data?.userId !== "string" || typeof data.email !== "string" || typeof data.firstName !== "string")
    throw new UnsupportedEvent(`The ${type} event ${message.id} lacks userId, email or firstName`);
  return { userId: data.userId, email: data.email, firstName: data.firstName };
}

/** A new-sign-in event also carries the session's browser and IP (strings, possibly empty). */
export function readNewSignInEvent(message: EventMessage): NewSignInData {
  const user = readUserEvent(message, USER_SIGNED_IN_FROM_NEW_DEVICE);
  const data = message.data as Partial<NewSignInData>;
  if (typeof data.sessionId !== "string" || typeof data.userAgent !== "string" || typeof data.ip !== "string")
    throw new UnsupportedEvent(`The ${message.type} event ${message.id} lacks sessionId, userAgent or ip`);
  return { ...user, sessionId: data.sessionId, userAgent: data.userAgent, ip: data.ip };
}
