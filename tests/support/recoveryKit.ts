import type { TokenPurpose } from "../../src/application/ports/EmailedTokens.js";
import { accountsKit, ada } from "./accountsKit.js";

/** accountsKit with Ada signed up, and a way to issue her a token as the worker would. */
export async function recoveryKit(options: Parameters<typeof accountsKit>[0] = {}) {
  const kit = accountsKit(options);
  const user = await kit.registerUser.execute(ada);
  const issue = (purpose: TokenPurpose, email = user.email, data?: Record<string, string>, ttlMs = 3_600_000) =>
    kit.emailedTokens.issue({ purpose, userId: user.id, email, expiresAt: new Date(kit.clock.now().getTime() + ttlMs), ...(data ? { data } : {}) });
  return { ...kit, user, issue };
}
