export interface LimitState {
  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfterMs: number;
}

/**
 * Counts attempts per key in a fixed window and refuses a key that used them all up. `consume` is atomic (one
 * counter increment in the store), so N attempts racing each other count as N: a budget is reserved before the
 * work it guards, not recorded after it.
 */
export interface AttemptLimiter {
  /** Reserves one attempt; refused (retryAfterMs > 0) when the budget is used up. A refused reservation still counts. */
  consume(key: string): Promise<LimitState>;
  /** Gives one reserved attempt back (an attempt that turned out not to count). */
  refund(key: string): Promise<void>;
  /** Forgets every attempt of a key. */
  reset(key: string): Promise<void>;
}
