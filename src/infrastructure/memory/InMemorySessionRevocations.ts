import type { Clock } from "../../application/ports/Clock.js";
import type { SessionRevocations } from "../../application/ports/SessionRevocations.js";

const SWEEP_EVERY = 1_000;

export class InMemorySessionRevocations implements SessionRevocations {
  readonly #until = new Map<string, number>();
  #writes = 0;

  constructor(private readonly clock: Clock) {}

  async revoke(tokenId: string, until: Date): Promise<void> {
    if (++this.#writes % SWEEP_EVERY === 0) this.#forgetExpired();
    this.#until.set(tokenId, until.getTime());
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    const until = this.#until.get(tokenId);
    return until !== undefined && until > this.clock.now().getTime();
  }

  // Sweeping every N writes keeps memory bounded by live revocations at O(1) amortised cost.
  #forgetExpired(): void {
    const now = this.clock.now().getTime();
    for (const [id, until] of this.#until) if (until <= now) this.#until.delete(id);
  }
}
