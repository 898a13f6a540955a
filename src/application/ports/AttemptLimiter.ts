export interface LimitState {
  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfterMs: number;
}

/** Counts attempts per key in a sliding window and blocks a key that used them all up. */
export interface AttemptLimiter {
  /** Records one attempt; returns the state after it. */
  hit(key: string): Promise<LimitState>;
  /** Would one more attempt be refused? Records nothing. */
  peek(key: string): Promise<LimitState>;
  reset(key: string): Promise<void>;
}
