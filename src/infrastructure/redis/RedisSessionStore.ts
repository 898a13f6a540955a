import type { Clock } from "../../application/ports/Clock.js";
import type { SessionRecord, SessionStore } from "../../application/ports/SessionStore.js";
import { DependencyUnavailable } from "../../application/shared/DependencyUnavailable.js";
import type { RedisClient } from "./connectRedis.js";

const PREFIX = "bazaar:session";

/**
 * One string key per session (JSON, expiring with the session) and one sorted set per user indexing them by creation
 * time. Both carry the user id as a hash tag, `{userId}`, so on Redis Cluster a user's sessions and index share one
 * hash slot: MULTI, MGET and multi-key DEL stay legal. The hot path (find) is one GET.
 * Index entries whose session expired are removed lazily, when the user's sessions are listed; the index itself
 * expires with the longest-lived session it names. Fails closed: if Redis cannot answer, the request gets a 503.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly client: RedisClient,
    private readonly clock: Clock,
  ) {}

  async create(session: SessionRecord): Promise<void> {
    const ttl = this.#ttl(session.expiresAt);
    if (ttl <= 0) return;
    const index = indexKey(session.userId);
    const indexTtl = Math.max(ttl, this.#ttl(session.absoluteExpiresAt));
    await this.#call(() =>
      this.client
        .multi()
        .set(sessionKey(session.userId, session.id), encode(session), { expiration: { type: "PX", value: ttl } })
        .zAdd(index, { score: session.createdAt.getTime(), value: session.id })
        // NX sets an expiry on a fresh index; GT only ever lengthens it (GT alone treats "no expiry" as infinite).
        .pExpire(index, indexTtl, "NX")
        .pExpire(index, indexTtl, "GT")
        .exec(),
    );
  }

  async find(userId: string, sessionId: string): Promise<SessionRecord | null> {
    const raw = await this.#call(() => this.client.get(sessionKey(userId, sessionId)));
    return this.#live(raw);
  }

  async touch(userId: string, sessionId: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    const key = sessionKey(userId, sessionId);
    const session = this.#live(await this.#call(() => this.client.get(key)));
    const ttl = this.#ttl(expiresAt);
    if (!session || ttl <= 0) return;
    // XX: a session ended between our GET and this SET stays ended.
    const updated = encode({ ...session, lastSeenAt, expiresAt });
    await this.#call(() => this.client.set(key, updated, { condition: "XX", expiration: { type: "PX", value: ttl } }));
  }

  async listByUser(userId: string): Promise<SessionRecord[]> {
    const ids = await this.#call(() => this.client.zRange(indexKey(userId), 0, -1));
    if (ids.length === 0) return [];
    const raws = await this.#call(() => this.client.mGet(ids.map((id) => sessionKey(userId, id))));
    const live: SessionRecord[] = [];
    const gone: string[] = [];
    raws.forEach((raw, i) => {
      const session = this.#live(raw);
      if (session) live.push(session);
      else gone.push(ids[i]!);
    });
    if (gone.length > 0) await this.#call(() => this.client.zRem(indexKey(userId), gone));
    return live;
  }

  async end(userId: string, sessionId: string): Promise<boolean> {
    const [removed] = await this.#call(() => this.client.multi().getDel(sessionKey(userId, sessionId)).zRem(indexKey(userId), sessionId).exec());
    return this.#live(removed as unknown as string | null) !== null;
  }

  async endAll(userId: string, keep?: string): Promise<number> {
    const ids = (await this.#call(() => this.client.zRange(indexKey(userId), 0, -1))).filter((id) => id !== keep);
    if (ids.length === 0) return 0;
    const keys = ids.map((id) => sessionKey(userId, id));
    // Members, not the whole index: a session created meanwhile keeps its entry.
    const [removed] = await this.#call(() => this.client.multi().mGet(keys).del(keys).zRem(indexKey(userId), ids).exec());
    return (removed as unknown as Array<string | null>).filter((raw) => this.#live(raw) !== null).length;
  }

  #ttl(until: Date): number {
    return until.getTime() - this.clock.now().getTime();
  }

  #live(raw: string | null | undefined): SessionRecord | null {
    if (!raw) return null;
    const session = decode(raw);
    return session.expiresAt.getTime() > this.clock.now().getTime() ? session : null;
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new DependencyUnavailable("redis");
    }
  }
}

/** `{userId}` is the hash tag: only that part decides the Redis Cluster slot. Our user ids never contain braces. */
const sessionKey = (userId: string, sessionId: string) => `${PREFIX}:{${userId}}:${sessionId}`;
const indexKey = (userId: string) => `${PREFIX}s:{${userId}}`;

interface Stored {
  id: string;
  userId: string;
  sessionVersion: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  absoluteExpiresAt: number;
  userAgent: string;
  ip: string;
}

function encode(s: SessionRecord): string {
  const stored: Stored = {
    ...s,
    createdAt: s.createdAt.getTime(),
    lastSeenAt: s.lastSeenAt.getTime(),
    expiresAt: s.expiresAt.getTime(),
    absoluteExpiresAt: s.absoluteExpiresAt.getTime(),
  };
  return JSON.stringify(stored);
}

function decode(raw: string): SessionRecord {
  const s = JSON.parse(raw) as Stored;
  return {
    id: s.id,
    userId: s.userId,
    sessionVersion: s.sessionVersion,
    createdAt: new Date(s.createdAt),
    lastSeenAt: new Date(s.lastSeenAt),
    expiresAt: new Date(s.expiresAt),
    absoluteExpiresAt: new Date(s.absoluteExpiresAt),
    userAgent: s.userAgent,
    ip: s.ip,
  };
}
