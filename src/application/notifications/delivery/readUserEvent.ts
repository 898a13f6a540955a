import type { EventMessage } from "../../../domain/shared/EventMessage.js";
import type { UserEvent, UserEventData } from "../../../domain/users/UserEvents.js";
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
