import type { DeadLetter } from "../../application/ports/DeadLetters.js";

export interface StreamKeys {
  stream: string;
  /** Last failure reason per pending entry, so whoever dead-letters it can say why. */
  errors: string;
  dead: string;
}

/**
 * A group's failure reasons and dead letters are moved together with the stream entry in one MULTI, so on a Redis
 * Cluster all three keys must live in one hash slot. The stream's name is hashed whole (it has no braces), and the
 * other two carry that same name as their hash tag `{…}`: same slot by construction, whatever the prefix and channel
 * (neither may contain a brace, which config and this function enforce). The stream key itself keeps the name it
 * had before Bazaar supported clusters, so its unconsumed events and consumer groups survive the upgrade.
 */
export function streamKeys(prefix: string, channel: string, group: string): StreamKeys {
  const stream = `${prefix}:stream:${channel}`;
  if (/[{}]/u.test(stream + group)) throw new Error(`stream prefix, channel and group must not contain { or }: ${JSON.stringify(stream)}`);
  return { stream, errors: `{${stream}}:errors:${group}`, dead: `{${stream}}:dead:${group}` };
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
