export type ClaimResult = "claimed" | "already-sent" | "in-progress";

/**
 * Remembers which notifications went out, in a store that outlives any one worker.
 * A claim is a lease: if its holder dies before `markSent` or `release`, it expires and the work may be redone.
 */
export interface SendLedger {
  claim(key: string): Promise<ClaimResult>;
  markSent(key: string): Promise<void>;
  release(key: string): Promise<void>;
}
