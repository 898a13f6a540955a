import { DependencyUnavailable } from "../../application/shared/DependencyUnavailable.js";
import type { SessionRevocations } from "../../application/ports/SessionRevocations.js";
import type { RedisClient } from "./connectRedis.js";

const PREFIX = "bazaar:revoked:";

/**
 * One key per revoked token id, expiring when the token would have: the set never outgrows live tokens.
 * Fails closed: if Redis cannot say whether a token is revoked, the request is refused with 503.
 */
export class RedisSessionRevocations implements SessionRevocations {
  constructor(private readonly client: RedisClient) {}

  async revoke(tokenId: string, until: Date): Promise<void> {
    const ttlMs = until.getTime() - Date.now();
    if (ttlMs <= 0) return;
    await this.#call(() => this.client.set(PREFIX + tokenId, "1", { PX: ttlMs }));
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    return (await this.#call(() => this.client.exists(PREFIX + tokenId))) === 1;
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new DependencyUnavailable("redis");
    }
  }
}
