import type { DomainEvent } from "../../domain/shared/DomainEvent.js";
import type { EventMessage, TraceContext } from "../../domain/shared/EventMessage.js";
import type { IdGenerator } from "../ports/IdGenerator.js";

export const EVENT_SCHEMA_VERSION = 1;

export function toEventMessage(event: DomainEvent, id: string, trace?: TraceContext): EventMessage {
  return {
    id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: event.data,
    ...(trace ? { trace: { traceId: trace.traceId, spanId: trace.spanId } } : {}),
  };
}

/** Envelopes get their ids before they are stored, so every redelivery carries the same id. The channel is the type. */
export function toEventMessages(events: DomainEvent[], ids: IdGenerator, trace?: TraceContext): EventMessage[] {
  return events.map((event) => toEventMessage(event, ids.next(), trace));
}
