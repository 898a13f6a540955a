export interface RetryPolicy {
  /** Deliveries before a message is dead-lettered, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Exponential with ±20% jitter, so consumers that failed together do not retry in lock-step. */
export function retryDelay(failures: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
