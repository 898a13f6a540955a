import type { EraseDueAccountsOutput } from "../../application/users/deletion/EraseDueAccounts.js";
import type { Logger } from "../../infrastructure/logging/logger.js";

export interface ErasureJobDeps {
  eraseDueAccounts: { execute(): Promise<EraseDueAccountsOutput> };
  intervalMs: number;
  logger: Logger;
}

export interface ErasureJob {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the erasure step at start and then every interval, never two runs at once in one process. Several processes
 * may run it at the same moment: the step itself erases each account once. A failed run (database away) is logged
 * and simply tried again at the next tick; nothing is lost, the accounts stay due.
 */
export function startErasureJob(d: ErasureJobDeps): ErasureJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = d.eraseDueAccounts
      .execute()
      .then(({ erased }) => {
        if (erased > 0) d.logger.info({ erased }, "accounts erased after their grace period");
      })
      .catch((err: unknown) => d.logger.warn({ err }, "account erasure failed; retrying at the next interval"))
      .finally(() => (running = null));
  };
  const timer = setInterval(run, d.intervalMs);
  timer.unref();
  run();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
