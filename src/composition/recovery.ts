import { instanceCachingFactory, type InjectionToken } from "./container.js";
import type { LinkSettings } from "../application/notifications/delivery/issueLink.js";
import type { EmailBudget } from "../application/users/policies/EmailBudget.js";
import { InMemoryEmailedTokens } from "../infrastructure/memory/InMemoryEmailedTokens.js";
import { FlexibleAttemptLimiter, type LimitPolicy } from "../infrastructure/ratelimit/FlexibleAttemptLimiter.js";
import { RedisEmailedTokens } from "../infrastructure/redis/RedisEmailedTokens.js";
import type { FeatureModule } from "./runtime.js";
import { CLOCK, EMAILED_TOKENS } from "./tokens.js";

/** What the recovery use-cases and their notification handlers read from config. */
export interface RecoverySettings {
  requireVerifiedEmail: boolean;
  /** How long the old address may undo an email change (the undo link's lifetime). */
  undoWindowMs: number;
  links: LinkSettings;
}

export interface EmailBudgets {
  /** Per user: POST /email/verification. */
  verification: EmailBudget;
  /** Per hashed normalised address, account or not: POST /password/forgot. */
  passwordReset: EmailBudget;
}

export const RECOVERY_SETTINGS: InjectionToken<RecoverySettings> = Symbol("RecoverySettings");
export const EMAIL_BUDGETS: InjectionToken<EmailBudgets> = Symbol("EmailBudgets");

/**
 * Emailed tokens (Redis when configured, so the API that consumes them and a separate worker that issues them share one
 * store; in memory on the embedded default, where the worker runs inside the API), the link settings and the email
 * budgets. The API and the worker both load it.
 */
export const recoveryModule: FeatureModule = async (c, { config, redis, uses }) => {
  const client = await redis();
  if (client) c.register(EMAILED_TOKENS, { useValue: new RedisEmailedTokens(client) });
  else c.register(EMAILED_TOKENS, { useFactory: instanceCachingFactory((r) => new InMemoryEmailedTokens(r.resolve(CLOCK))) });
  uses(`emailed tokens: ${client ? "Redis" : "in-memory"}`);

  const rc = config.recovery;
  c.register(RECOVERY_SETTINGS, {
    useValue: {
      requireVerifiedEmail: rc.requireVerifiedEmail,
      undoWindowMs: rc.lifetimesMs.undoEmailChange,
      links: {
        base: rc.linkBase,
        lifetimesMs: {
          "verify-email": rc.lifetimesMs.verifyEmail,
          "reset-password": rc.lifetimesMs.resetPassword,
          "confirm-email-change": rc.lifetimesMs.emailChange,
          "undo-email-change": rc.lifetimesMs.undoEmailChange,
        },
      },
    },
  });
  const make = (policy: LimitPolicy) => (client ? FlexibleAttemptLimiter.redis(policy, client) : FlexibleAttemptLimiter.inMemory(policy));
  const budget = (name: string): EmailBudget => ({
    cooldown: make({ name: `${name}-cooldown`, points: 1, windowSeconds: rc.emailCooldownSeconds, hashKeys: true }),
    daily: make({ name: `${name}-daily`, points: rc.emailDailyCap, windowSeconds: 86_400, hashKeys: true }),
  });
  c.register(EMAIL_BUDGETS, { useValue: { verification: budget("email-verify"), passwordReset: budget("password-reset") } });
};
