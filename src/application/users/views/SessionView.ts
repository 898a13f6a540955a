import type { SessionRecord } from "../../ports/SessionStore.js";

/** A session as its owner sees it: never the token or anything derived from it. */
export interface SessionView {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
  ip: string;
}

export function toSessionView(s: SessionRecord, currentSessionId: string | undefined): SessionView {
  return {
    id: s.id,
    current: s.id === currentSessionId,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    userAgent: s.userAgent,
    ip: s.ip,
  };
}
