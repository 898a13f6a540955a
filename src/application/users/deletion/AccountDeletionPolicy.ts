/** How account deletion behaves; read from configuration (ACCOUNT_DELETION_GRACE_DAYS …) by composition. */
export interface AccountDeletionPolicy {
  /** How long a deleted account stays restorable (and disabled) before the erasure job erases it. */
  graceMs: number;
  /** Accounts erased per query by one run of the erasure job; a run keeps going while batches come back full. */
  erasureBatchSize: number;
}

export const DAY_MS = 86_400_000;
export const DEFAULT_ACCOUNT_DELETION: AccountDeletionPolicy = { graceMs: 14 * DAY_MS, erasureBatchSize: 100 };
