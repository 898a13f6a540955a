import type { AttemptLimiter } from "../../ports/AttemptLimiter.js";

/**
 * How often one recipient may be sent a link it asked for: one per cooldown, at most a daily cap. The keys are a user
 * id (verification) or the normalised address (forgotten password; the limiter adapter stores keys hashed, so no
 * address sits in Redis in the clear). A budget is a product rule, not abuse protection: it holds with RATE_LIMITS_ENABLED=false.
 */
export interface EmailBudget {
  cooldown: AttemptLimiter;
  daily: AttemptLimiter;
}

/** True when one more email may go to `key` now (and counts it). The daily cap counts only emails the cooldown let through. */
export async function spendEmailBudget(budget: EmailBudget, key: string): Promise<boolean> {
  if ((await budget.cooldown.consume(key)).retryAfterMs > 0) return false;
  return (await budget.daily.consume(key)).retryAfterMs === 0;
}
