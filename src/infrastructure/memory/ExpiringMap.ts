const SWEEP_EVERY = 1_000;

/**
 * Entries that stop existing at a given time. Expired ones are swept every N writes, which keeps memory
 * bounded by the live entries at O(1) amortised cost.
 */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();
  #writes = 0;

  /** The value while `now` is before its expiry, else undefined. */
  get(key: string, now: number): V | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.until > now ? entry.value : undefined;
  }

  set(key: string, value: V, until: number, now: number): void {
    if (++this.#writes % SWEEP_EVERY === 0) this.#sweep(now);
    this.#entries.set(key, { value, until });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.until <= now) this.#entries.delete(key);
  }
}
