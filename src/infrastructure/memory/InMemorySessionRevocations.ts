import type { Clock } from "../../application/ports/Clock.js";
import type { SessionRevocations } from "../../application/ports/SessionRevocations.js";
import { ExpiringMap } from "./ExpiringMap.js";

export class InMemorySessionRevocations implements SessionRevocations {
  readonly #revoked = new ExpiringMap<true>();

  constructor(private readonly clock: Clock) {}

  async revoke(tokenId: string, until: Date): Promise<void> {
    this.#revoked.set(tokenId, true, until.getTime(), this.clock.now().getTime());
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    return this.#revoked.get(tokenId, this.clock.now().getTime()) === true;
  }
}
