import type { Clock } from "../../application/ports/Clock.js";
import type { SessionRecord, SessionStore } from "../../application/ports/SessionStore.js";

const SWEEP_EVERY = 1_000;

/**
 * Sessions in process memory (the embedded default), grouped by user. Expired records are dropped when their user's
 * sessions are read, and all of them every N creations, so memory stays bounded by the live sessions.
 */
export class InMemorySessionStore implements SessionStore {
  readonly #byUser = new Map<string, Map<string, SessionRecord>>();
  #creations = 0;

  constructor(private readonly clock: Clock) {}

  async create(session: SessionRecord): Promise<void> {
    if (++this.#creations % SWEEP_EVERY === 0) for (const userId of [...this.#byUser.keys()]) this.#live(userId);
    const sessions = this.#byUser.get(session.userId) ?? new Map<string, SessionRecord>();
    sessions.set(session.id, copy(session));
    this.#byUser.set(session.userId, sessions);
  }

  async find(userId: string, sessionId: string): Promise<SessionRecord | null> {
    const session = this.#byUser.get(userId)?.get(sessionId);
    return session && this.#alive(session) ? copy(session) : null;
  }

  async touch(userId: string, sessionId: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    const session = this.#byUser.get(userId)?.get(sessionId);
    if (!session || !this.#alive(session)) return;
    session.lastSeenAt = new Date(lastSeenAt);
    session.expiresAt = new Date(expiresAt);
  }

  async listByUser(userId: string): Promise<SessionRecord[]> {
    return this.#live(userId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(copy);
  }

  async end(userId: string, sessionId: string): Promise<boolean> {
    const sessions = this.#byUser.get(userId);
    const session = sessions?.get(sessionId);
    if (!sessions || !session) return false;
    sessions.delete(sessionId);
    if (sessions.size === 0) this.#byUser.delete(userId);
    return this.#alive(session);
  }

  async endAll(userId: string, keep?: string): Promise<number> {
    const ended = this.#live(userId).filter((s) => s.id !== keep);
    for (const session of ended) await this.end(userId, session.id);
    return ended.length;
  }

  #alive(session: SessionRecord): boolean {
    return session.expiresAt.getTime() > this.clock.now().getTime();
  }

  /** The user's live sessions; the expired ones are forgotten on the way. */
  #live(userId: string): SessionRecord[] {
    const sessions = this.#byUser.get(userId);
    if (!sessions) return [];
    for (const [id, session] of sessions) if (!this.#alive(session)) sessions.delete(id);
    if (sessions.size === 0) this.#byUser.delete(userId);
    return [...sessions.values()];
  }
}

function copy(s: SessionRecord): SessionRecord {
  return { ...s, createdAt: new Date(s.createdAt), lastSeenAt: new Date(s.lastSeenAt), expiresAt: new Date(s.expiresAt), absoluteExpiresAt: new Date(s.absoluteExpiresAt) };
}
