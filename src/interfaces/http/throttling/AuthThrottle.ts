import type { AttemptLimiter } from "../../../application/ports/AttemptLimiter.js";
import { InvalidCredentials, WrongPassword } from "../../../domain/users/UserErrors.js";
import { tooManyRequests } from "../errors/HttpError.js";

export interface AuthLimiters {
  /** Every login attempt from one IP. */
  loginPerIp: AttemptLimiter;
  /** Failed logins for one account from one IP: stops a single attacker quickly without touching the owner elsewhere. */
  loginFailuresPerAccountIp: AttemptLimiter;
  /** Failed logins for one account from anywhere: a high ceiling against distributed guessing; it expires by itself. */
  loginFailuresPerAccount: AttemptLimiter;
  signupPerIp: AttemptLimiter;
  signupPerAccount: AttemptLimiter;
}

const isBadSecret = (error: unknown) => error instanceof InvalidCredentials || error instanceof WrongPassword;

/**
 * Login throttling that an attacker cannot turn into a permanent lock-out: only failures count against an
 * account, a success clears that IP's failures, and every block ends when its window does.
 */
export class AuthThrottle {
  constructor(private readonly limiters: AuthLimiters | null) {}

  async login<T>(ip: string, account: string, attempt: () => Promise<T>): Promise<T> {
    const l = this.limiters;
    if (!l) return attempt();
    const accountIp = `${account}|${ip}`;
    await refuse(await l.loginPerIp.hit(ip));
    await refuse(await l.loginFailuresPerAccountIp.peek(accountIp));
    await refuse(await l.loginFailuresPerAccount.peek(account));
    try {
      const result = await attempt();
      await l.loginFailuresPerAccountIp.reset(accountIp);
      return result;
    } catch (error) {
      if (isBadSecret(error)) await Promise.all([l.loginFailuresPerAccountIp.hit(accountIp), l.loginFailuresPerAccount.hit(account)]);
      throw error;
    }
  }

  /** Guessing the current password with a stolen session is throttled like a login. */
  async passwordCheck<T>(ip: string, userId: string, attempt: () => Promise<T>): Promise<T> {
    return this.login(ip, `user:${userId}`, attempt);
  }

  async signup(ip: string, account: string): Promise<void> {
    const l = this.limiters;
    if (!l) return;
    await refuse(await l.signupPerIp.hit(ip));
    await refuse(await l.signupPerAccount.hit(account));
  }
}

async function refuse(state: { retryAfterMs: number }): Promise<void> {
  if (state.retryAfterMs > 0) throw tooManyRequests(state.retryAfterMs);
}
