import type { Clock } from "../../application/ports/Clock.js";
import type { ClaimResult, SendLedger } from "../../application/ports/SendLedger.js";

interface Mark {
  state: "claimed" | "sent";
  owner: object;
  until: number;
}

const SWEEP_EVERY = 1_000;

/** The Redis ledger's semantics in process memory: claims expire and belong to whoever took them; "sent" lasts the TTL. */
export class InMemorySendLedger implements SendLedger {
  readonly #owner = {};
  #writes = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: { claimMs: number; sentTtlSeconds: number },
    /** Shared by ledgers that stand for different workers over one store. */
    private readonly marks = new Map<string, Mark>(),
  ) {}

  /** Another worker's handle on the same store. */
  sibling(): InMemorySendLedger {
    return new InMemorySendLedger(this.clock, this.options, this.marks);
  }

  async claim(key: string): Promise<ClaimResult> {
    const now = this.clock.now().getTime();
    const mark = this.marks.get(key);
    if (mark && mark.until > now) return mark.state === "sent" ? "already-sent" : "in-progress";
    if (++this.#writes % SWEEP_EVERY === 0) this.#forgetExpired(now);
    this.marks.set(key, { state: "claimed", owner: this.#owner, until: now + this.options.claimMs });
    return "claimed";
  }

  async markSent(key: string): Promise<void> {
    this.marks.set(key, { state: "sent", owner: this.#owner, until: this.clock.now().getTime() + this.options.sentTtlSeconds * 1_000 });
  }

  async release(key: string): Promise<void> {
    const mark = this.marks.get(key);
    if (mark?.state === "claimed" && mark.owner === this.#owner) this.marks.delete(key);
  }

  #forgetExpired(now: number): void {
    for (const [key, mark] of this.marks) if (mark.until <= now) this.marks.delete(key);
  }
}
