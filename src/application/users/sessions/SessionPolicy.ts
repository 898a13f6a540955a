import type { SessionRecord } from "../../ports/SessionStore.js";

/** How long sessions live and how many a user may hold (README "Sessions": the ASVS 7.1.1 / 7.1.2 / 7.3.1 / 7.3.2 choices). */
export interface SessionPolicy {
  /** A session unused this long ends (ASVS 7.3.1). */
  idleTimeoutMs: number;
  /** A session ends this long after login however much it is used (ASVS 7.3.2). */
  absoluteLifetimeMs: number;
  /** Live sessions per user; a login beyond it ends the oldest (ASVS 7.1.2). */
  maxPerUser: number;
  /** Email the user when a login comes from a browser and IP none of their live sessions has. */
  newSignInNotice: boolean;
}

/** Last seen is written at most this often per session: a busy client costs one write a minute, not one per request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Idle expiry from `now`, never past the absolute limit. */
export function expiryAfterUse(now: Date, absoluteExpiresAt: Date, policy: SessionPolicy): Date {
  return new Date(Math.min(now.getTime() + policy.idleTimeoutMs, absoluteExpiresAt.getTime()));
}

/** Whether this request should move last seen (and so slide the expiry). */
export function dueForTouch(session: SessionRecord, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
}
