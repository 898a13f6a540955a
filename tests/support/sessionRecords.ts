import { randomUUID } from "node:crypto";
import type { SessionRecord } from "../../src/application/ports/SessionStore.js";

const MINUTE = 60_000;

/** A live session record made at `now`: ends after 10 idle minutes, at most an hour after it began, unless `over` says otherwise. */
export function sessionRecord(userId: string, now: Date, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: randomUUID(),
    userId,
    sessionVersion: 0,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 10 * MINUTE),
    absoluteExpiresAt: new Date(now.getTime() + 60 * MINUTE),
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0",
    ip: "203.0.113.7",
    ...over,
  };
}
