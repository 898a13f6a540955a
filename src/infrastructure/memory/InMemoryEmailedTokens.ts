import type { Clock } from "../../application/ports/Clock.js";
import type { EmailedTokenGrant, EmailedTokens, TokenPurpose } from "../../application/ports/EmailedTokens.js";
import { EMAILED_TOKEN_SHAPE, hashEmailedToken, newEmailedToken } from "../security/emailedTokenSecrets.js";
import { ExpiringMap } from "./ExpiringMap.js";

/**
 * The Redis adapter's semantics in process memory (the embedded default and unit tests): tokens stored by hash and
 * purpose, one live token per user and purpose, expiry read from the injected clock. Node runs one callback at a
 * time and `consume` never awaits between its read and its delete, so two concurrent consumes get one grant.
 */
export class InMemoryEmailedTokens implements EmailedTokens {
  readonly #grants = new ExpiringMap<EmailedTokenGrant>();
  /** userId → purpose → the hash of the user's live token of that purpose. */
  readonly #latest = new Map<string, Map<TokenPurpose, string>>();

  constructor(private readonly clock: Clock) {}

  async issue(grant: EmailedTokenGrant): Promise<string> {
    const token = newEmailedToken();
    const hash = hashEmailedToken(token);
    const now = this.clock.now().getTime();
    const latest = this.#latest.get(grant.userId) ?? new Map<TokenPurpose, string>();
    const older = latest.get(grant.purpose);
    if (older) this.#grants.delete(grantKey(grant.purpose, older));
    this.#grants.set(grantKey(grant.purpose, hash), copy(grant), grant.expiresAt.getTime(), now);
    this.#latest.set(grant.userId, latest.set(grant.purpose, hash));
    return token;
  }

  async consume(purpose: TokenPurpose, token: string): Promise<EmailedTokenGrant | null> {
    if (!EMAILED_TOKEN_SHAPE.test(token)) return null;
    const hash = hashEmailedToken(token);
    const key = grantKey(purpose, hash);
    const grant = this.#grants.get(key, this.clock.now().getTime());
    this.#grants.delete(key);
    if (!grant) return null;
    const latest = this.#latest.get(grant.userId);
    if (latest?.get(purpose) === hash) latest.delete(purpose);
    if (latest?.size === 0) this.#latest.delete(grant.userId);
    return copy(grant);
  }

  async cancelAll(userId: string, purposes?: readonly TokenPurpose[]): Promise<void> {
    const latest = this.#latest.get(userId);
    if (!latest) return;
    for (const [purpose, hash] of latest) {
      if (purposes && !purposes.includes(purpose)) continue;
      this.#grants.delete(grantKey(purpose, hash));
      latest.delete(purpose);
    }
    if (latest.size === 0) this.#latest.delete(userId);
  }
}

const grantKey = (purpose: TokenPurpose, hash: string) => `${purpose} ${hash}`;
const copy = (g: EmailedTokenGrant): EmailedTokenGrant => ({ ...g, expiresAt: new Date(g.expiresAt), ...(g.data ? { data: { ...g.data } } : {}) });
