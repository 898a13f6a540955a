import type { EmailedTokenGrant, EmailedTokens, TokenPurpose } from "../../application/ports/EmailedTokens.js";
import { TOKEN_PURPOSES } from "../../application/ports/EmailedTokens.js";
import { DependencyUnavailable } from "../../application/shared/DependencyUnavailable.js";
import { EMAILED_TOKEN_SHAPE, hashEmailedToken, newEmailedToken } from "../security/emailedTokenSecrets.js";
import type { RedisClient } from "./connectRedis.js";

const PREFIX = "bazaar:etok";

interface StoredGrant {
  userId: string;
  email: string;
  expiresAt: string;
  data?: Record<string, string>;
}

/**
 * Two kinds of key, each read and written with single-key commands only, so it works the same on one server and on a
 * Redis Cluster (where the token's key and the user's key live in different slots and no script may touch both):
 * - `bazaar:etok:<purpose>:<sha256>` → the grant, expiring with the token. The purpose is in the key, so a token
 *   presented for another purpose is simply not found (and not used up). GETDEL takes it atomically: of two
 *   concurrent consumes, exactly one gets it.
 * - `bazaar:etok:latest:<purpose>:<userId>` → the hash of the user's live token of that purpose. A new token swaps
 *   itself in (SET … GET) and deletes the one it replaced; a consume honours the grant only while it is still the
 *   latest, so a replaced or cancelled token is dead even if deleting its key failed half-way.
 */
export class RedisEmailedTokens implements EmailedTokens {
  constructor(private readonly client: RedisClient) {}

  async issue(grant: EmailedTokenGrant): Promise<string> {
    const token = newEmailedToken();
    const hash = hashEmailedToken(token);
    const ttlMs = Math.max(1, grant.expiresAt.getTime() - Date.now());
    const stored: StoredGrant = { userId: grant.userId, email: grant.email, expiresAt: grant.expiresAt.toISOString(), ...(grant.data ? { data: { ...grant.data } } : {}) };
    await this.#call(async () => {
      await this.client.set(grantKey(grant.purpose, hash), JSON.stringify(stored), { expiration: { type: "PX", value: ttlMs } });
      const older = await this.client.set(latestKey(grant.purpose, grant.userId), hash, { GET: true, expiration: { type: "PX", value: ttlMs } });
      if (typeof older === "string" && older !== hash) await this.client.del(grantKey(grant.purpose, older));
    });
    return token;
  }

  async consume(purpose: TokenPurpose, token: string): Promise<EmailedTokenGrant | null> {
    if (!EMAILED_TOKEN_SHAPE.test(token)) return null;
    const hash = hashEmailedToken(token);
    return this.#call(async () => {
      const raw = await this.client.getDel(grantKey(purpose, hash));
      if (typeof raw !== "string") return null;
      const stored = JSON.parse(raw) as StoredGrant;
      if ((await this.client.get(latestKey(purpose, stored.userId))) !== hash) return null;
      const expiresAt = new Date(stored.expiresAt);
      // The key's TTL already ended it; this guards against a clock-skewed TTL only.
      if (expiresAt.getTime() <= Date.now()) return null;
      return { purpose, userId: stored.userId, email: stored.email, expiresAt, ...(stored.data ? { data: stored.data } : {}) };
    });
  }

  async cancelAll(userId: string, purposes: readonly TokenPurpose[] = TOKEN_PURPOSES): Promise<void> {
    await this.#call(async () => {
      for (const purpose of purposes) {
        const hash = await this.client.getDel(latestKey(purpose, userId));
        if (typeof hash === "string") await this.client.del(grantKey(purpose, hash));
      }
    });
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new DependencyUnavailable("redis");
    }
  }
}

const grantKey = (purpose: TokenPurpose, hash: string) => `${PREFIX}:${purpose}:${hash}`;
const latestKey = (purpose: TokenPurpose, userId: string) => `${PREFIX}:latest:${purpose}:${userId}`;
