import type { Config } from "../infrastructure/config/config.js";
import type { Logger } from "../infrastructure/logging/logger.js";
import { startErasureJob, type ErasureJob } from "../interfaces/worker/erasureJob.js";
import { ACCOUNTS } from "./accounts.js";
import type { Runtime } from "./runtime.js";

/**
 * The account erasure job on a runtime that has the accounts feature. Only a process that sees the real users may
 * run it: with MongoDB every worker can (they race safely); without it the users live in the API's memory, so the
 * API runs it (see startApi), and a separate worker's in-memory users would be an empty, unrelated store.
 */
export function startErasure(runtime: Runtime, config: Config, logger: Logger): ErasureJob {
  return startErasureJob({
    eraseDueAccounts: runtime.container.resolve(ACCOUNTS).eraseDueAccounts,
    intervalMs: config.accountDeletion.erasureIntervalMs,
    logger: logger.child({ component: "account-erasure" }),
  });
}

/** Whether the worker of this process should run the erasure job (see startErasure). */
export const workerErases = (config: Config) => config.mongo !== null || config.notifications.inProcess;
