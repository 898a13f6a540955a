import type { User } from "../../../domain/users/User.js";
import type { Clock } from "../../ports/Clock.js";
import type { IdGenerator } from "../../ports/IdGenerator.js";
import type { SessionRecord, SessionStore } from "../../ports/SessionStore.js";
import type { IssuedToken, TokenService } from "../../ports/TokenService.js";
import { trimDevice, type Device } from "./Device.js";
import { expiryAfterUse, type SessionPolicy } from "./SessionPolicy.js";

export interface SessionStarter {
  sessions: SessionStore;
  tokens: TokenService;
  ids: IdGenerator;
  clock: Clock;
  policy: SessionPolicy;
}

export interface StartedSession {
  record: SessionRecord;
  token: IssuedToken;
  /** No live session of this user had this browser and IP before (the new-sign-in notice's trigger). */
  newDevice: boolean;
}

/**
 * A new session record and the token that names it (login, fresh cookie after a password change), replacing
 * `replaced` if the client held one. On the way, ends
 * what must not count: sessions of an older sessionVersion, and the oldest ones beyond the cap. Two logins racing may
 * briefly leave one session over the cap; the next login trims it.
 */
export async function startSession(d: SessionStarter, user: User, device: Device, replaced: SessionRecord | null = null): Promise<StartedSession> {
  const now = d.clock.now();
  const { userAgent, ip } = trimDevice(device);
  const existing = await d.sessions.listByUser(user.id);
  const live = existing.filter((s) => s.sessionVersion === user.sessionVersion);
  const beyondCap = live.slice(0, Math.max(0, live.length - (d.policy.maxPerUser - 1)));
  const stale = existing.filter((s) => s.sessionVersion !== user.sessionVersion);
  for (const old of [...stale, ...beyondCap]) await d.sessions.end(user.id, old.id);

  const absoluteExpiresAt = new Date(now.getTime() + d.policy.absoluteLifetimeMs);
  const record: SessionRecord = {
    id: d.ids.next(),
    userId: user.id,
    sessionVersion: user.sessionVersion,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: expiryAfterUse(now, absoluteExpiresAt, d.policy),
    absoluteExpiresAt,
    userAgent,
    ip,
  };
  await d.sessions.create(record);
  const token = await d.tokens.issue({ userId: user.id, sessionVersion: user.sessionVersion, sessionId: record.id });
  // The session this client just replaced (rotation) counts as seen: re-logging in from the same browser is not new.
  const seen = replaced?.userId === user.id && replaced.sessionVersion === user.sessionVersion ? [...live, replaced] : live;
  const newDevice = !seen.some((s) => s.userAgent === userAgent && s.ip === ip);
  return { record, token, newDevice };
}
