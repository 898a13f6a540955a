import type { DeadLetter } from "../../application/ports/DeadLetters.js";

export interface StreamKeys {
  stream: string;
  /** Last failure reason per pending entry, so whoever dead-letters it can say why. */
  errors: string;
  dead: string;
}

export function streamKeys(prefix: string, channel: string, group: string): StreamKeys {
  return { stream: `${prefix}:stream:${channel}`, errors: `${prefix}:errors:${channel}:${group}`, dead: `${prefix}:dead:${channel}:${group}` };
}

export interface DeadLetterInput {
  channel: string;
  group: string;
  raw: string;
  reason: string;
  attempts: number;
  streamId: string;
}

export function deadLetterEntry(d: DeadLetterInput): Record<string, string> {
  return { channel: d.channel, group: d.group, raw: d.raw, reason: d.reason, attempts: String(d.attempts), streamId: d.streamId, deadAt: new Date().toISOString() };
}

export function readDeadLetter(id: string, f: Record<string, string>): DeadLetter {
  return { id, channel: f.channel ?? "", group: f.group ?? "", raw: f.raw ?? "", reason: f.reason ?? "", attempts: Number(f.attempts ?? 0), deadAt: f.deadAt ?? "" };
}
