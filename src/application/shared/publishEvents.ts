import type { DomainEvent } from "../../domain/shared/DomainEvent.js";
import type { EventBus, EventMessage } from "../ports/EventBus.js";
import type { IdGenerator } from "../ports/IdGenerator.js";

export const EVENT_SCHEMA_VERSION = 1;

export function toEventMessage(event: DomainEvent, id: string): EventMessage {
  return {
    id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: event.data,
  };
}

/** Publishes in recording order; the channel is the event type. */
export async function publishEvents(bus: EventBus, ids: IdGenerator, events: DomainEvent[]): Promise<void> {
  for (const event of events) await bus.publish(event.type, toEventMessage(event, ids.next()));
}
