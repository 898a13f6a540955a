import type { EventMessage } from "../../domain/shared/EventMessage.js";

export class MalformedMessage extends Error {}

export function encodeMessage(message: EventMessage): string {
  return JSON.stringify(message);
}

/** Checks the envelope only; whether the schema version and data are understood is the handler's call. */
export function decodeMessage(raw: string): EventMessage {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new MalformedMessage("message is not JSON");
  }
  const m = value as Partial<EventMessage> | null;
  if (
    typeof m !== "object" ||
    m === null ||
    typeof m.id !== "string" ||
    typeof m.type !== "string" ||
    typeof m.occurredAt !== "string" ||
    typeof m.schemaVersion !== "number" ||
    !("data" in m)
  )
    throw new MalformedMessage("message lacks an id, type, occurredAt, schemaVersion or data");
  return m as EventMessage;
}
