import { randomBytes } from "node:crypto";
import type { AttemptLimiter } from "./application/ports/AttemptLimiter.js";
import type { Config } from "./infrastructure/config/config.js";
import type { Logger } from "./infrastructure/logging/logger.js";
import { FlexibleAttemptLimiter, type LimitPolicy } from "./infrastructure/ratelimit/FlexibleAttemptLimiter.js";
import type { RedisClient } from "./infrastructure/redis/connectRedis.js";
import type { AuthLimiters } from "./interfaces/http/throttling/AuthThrottle.js";

/** Part of the composition root: the secrets and limits that guard accounts. */
export function jwtSecret(config: Config, logger: Logger): string {
  if (config.jwt.secret) return config.jwt.secret;
  // Only reachable in development: config refuses to start elsewhere without a secret.
  logger.warn("JWT_SECRET is not set: using a random secret for this process (sessions end on restart)");
  return randomBytes(32).toString("base64url");
}

export function authLimiters(config: Config, redis: RedisClient | null): AuthLimiters {
  const make = (policy: LimitPolicy): AttemptLimiter =>
    redis ? FlexibleAttemptLimiter.redis(policy, redis) : FlexibleAttemptLimiter.inMemory(policy);
  const rl = config.rateLimits;
  return {
    loginPerIp: make({ name: "login-ip", points: rl.loginPerIp, windowSeconds: rl.loginWindowSeconds }),
    loginFailuresPerAccountIp: make({ name: "login-fail-account-ip", points: rl.loginFailuresPerAccountIp, windowSeconds: rl.loginWindowSeconds }),
    loginFailuresPerAccount: make({ name: "login-fail-account", points: rl.loginFailuresPerAccount, windowSeconds: rl.loginWindowSeconds }),
    signupPerIp: make({ name: "signup-ip", points: rl.signupPerIp, windowSeconds: rl.signupWindowSeconds }),
    signupPerAccount: make({ name: "signup-account", points: rl.signupPerEmail, windowSeconds: rl.signupPerEmailWindowSeconds }),
  };
}
