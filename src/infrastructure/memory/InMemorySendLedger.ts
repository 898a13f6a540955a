import type { Clock } from "../../application/ports/Clock.js";
import type { ClaimResult, SendLedger } from "../../application/ports/SendLedger.js";
import { ExpiringMap } from "./ExpiringMap.js";

interface Mark {
  state: "claimed" | "sent";
  owner: object;
}

/** The Redis ledger's semantics in process memory: claims expire and belong to whoever took them; "sent" lasts the TTL. */
export class InMemorySendLedger implements SendLedger {
  readonly #owner = {};

  constructor(
    private readonly clock: Clock,
    private readonly options: { claimMs: number; sentTtlSeconds: number },
    /** Shared by ledgers that stand for different workers over one store. */
    private readonly marks = new ExpiringMap<Mark>(),
  ) {}

  /** Another worker's handle on the same store. */
  sibling(): InMemorySendLedger {
    return new InMemorySendLedger(this.clock, this.options, this.marks);
  }

  async claim(key: string): Promise<ClaimResult> {
    const now = this.clock.now().getTime();
    const mark = this.marks.get(key, now);
    if (mark) return mark.state === "sent" ? "already-sent" : "in-progress";
    this.marks.set(key, { state: "claimed", owner: this.#owner }, now + this.options.claimMs, now);
    return "claimed";
  }

  async markSent(key: string): Promise<void> {
    const now = this.clock.now().getTime();
    this.marks.set(key, { state: "sent", owner: this.#owner }, now + this.options.sentTtlSeconds * 1_000, now);
  }

  async release(key: string): Promise<void> {
    const mark = this.marks.get(key, this.clock.now().getTime());
    if (mark?.state === "claimed" && mark.owner === this.#owner) this.marks.delete(key);
  }
}
