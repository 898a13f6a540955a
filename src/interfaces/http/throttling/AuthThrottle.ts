import type { AttemptLimiter } from "../../../application/ports/AttemptLimiter.js";
import { InvalidCredentials, WrongPassword } from "../../../domain/users/UserErrors.js";
import { HttpError, tooManyRequests } from "../errors/HttpError.js";

export interface AuthLimiters {
  /** Every login attempt from one IP. */
  loginPerIp: AttemptLimiter;
  /** Failed logins for one account from one IP: stops a single attacker quickly without touching the owner elsewhere. */
  loginFailuresPerAccountIp: AttemptLimiter;
  /** Failed logins for one account from anywhere: a high ceiling against distributed guessing; it expires by itself. */
  loginFailuresPerAccount: AttemptLimiter;
  signupPerIp: AttemptLimiter;
  signupPerAccount: AttemptLimiter;
  /** POST /password/forgot from one IP (the per-address budget is the use-case's, and silent). Optional: absent = no limit. */
  passwordForgotPerIp?: AttemptLimiter;
}

export type LoginOutcome = "succeeded" | "failed" | "throttled";

/** Login outcomes for the metrics; counted here because this is where a login is known to be a success, a wrong guess or refused. */
export interface LoginMetrics {
  login(outcome: LoginOutcome): void;
}

const isBadSecret = (error: unknown) => error instanceof InvalidCredentials || error instanceof WrongPassword;

/**
 * Login throttling that holds under concurrency and that an attacker cannot turn into a permanent lock-out.
 *
 * Every budget is reserved (an atomic consume) before the password is compared, so N guesses racing each other
 * count as N and at most `budget` of them ever reach bcrypt. What the attempt turns out to be decides what is
 * kept: every attempt counts against the IP; a wrong secret keeps its failure reservations; a success gives the
 * per-account reservation back and clears that IP's failures for the account; anything else (a 503, a bug) was no
 * guess, so both failure reservations are given back.
 */
export class AuthThrottle {
  constructor(
    private readonly limiters: AuthLimiters | null,
    private readonly metrics?: LoginMetrics,
  ) {}

  async login<T>(ip: string, account: string, attempt: () => Promise<T>): Promise<T> {
    if (!this.metrics) return this.#guard(ip, account, attempt);
    try {
      const result = await this.#guard(ip, account, attempt);
      this.metrics.login("succeeded");
      return result;
    } catch (error) {
      if (isBadSecret(error)) this.metrics.login("failed");
      else if (error instanceof HttpError && error.status === 429) this.metrics.login("throttled");
      throw error;
    }
  }

  /** Guessing the current password with a stolen session is throttled like a login (and not counted as one). */
  async passwordCheck<T>(ip: string, userId: string, attempt: () => Promise<T>): Promise<T> {
    return this.#guard(ip, `user:${userId}`, attempt);
  }

  async #guard<T>(ip: string, account: string, attempt: () => Promise<T>): Promise<T> {
    const l = this.limiters;
    if (!l) return attempt();
    const accountIp = `${account}|${ip}`;
    await refuse(await l.loginPerIp.consume(ip));
    // In order, stopping at the first refusal: an attacker blocked for (account, IP) does not burn the
    // account-wide ceiling, which is what would lock the owner out everywhere.
    const failureBudgets: [AttemptLimiter, string][] = [
      [l.loginFailuresPerAccountIp, accountIp],
      [l.loginFailuresPerAccount, account],
    ];
    await reserveAll(failureBudgets);
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      if (!isBadSecret(error)) await refundAll(failureBudgets);
      throw error;
    }
    await Promise.all([l.loginFailuresPerAccountIp.reset(accountIp), l.loginFailuresPerAccount.refund(account)]);
    return result;
  }

  /** A 429 here says nothing about the address asked for: it counts requests per IP, whatever their address. */
  async passwordForgot(ip: string): Promise<void> {
    const limiter = this.limiters?.passwordForgotPerIp;
    if (limiter) await refuse(await limiter.consume(ip));
  }

  /**
   * After a password reset: the owner proved control of the address, so the account's login lockout ends (its
   * account-wide failures, and those of the IP the reset came from; other IPs' per-account counts expire by themselves).
   */
  async clearLoginLockout(ip: string, account: string): Promise<void> {
    const l = this.limiters;
    if (!l) return;
    await Promise.all([l.loginFailuresPerAccount.reset(account), l.loginFailuresPerAccountIp.reset(`${account}|${ip}`)]);
  }

  async signup(ip: string, account: string): Promise<void> {
    const l = this.limiters;
    if (!l) return;
    await refuse(await l.signupPerIp.consume(ip));
    await refuse(await l.signupPerAccount.consume(account));
  }
}

/** Reserves one attempt from each budget; on a refusal gives back everything reserved so far (the refused one too) and throws 429. */
async function reserveAll(budgets: [AttemptLimiter, string][]): Promise<void> {
  for (let i = 0; i < budgets.length; i++) {
    const [limiter, key] = budgets[i]!;
    const state = await limiter.consume(key);
    if (state.retryAfterMs > 0) {
      await refundAll(budgets.slice(0, i + 1));
      throw tooManyRequests(state.retryAfterMs);
    }
  }
}

async function refundAll(budgets: [AttemptLimiter, string][]): Promise<void> {
  await Promise.all(budgets.map(([limiter, key]) => limiter.refund(key)));
}

async function refuse(state: { retryAfterMs: number }): Promise<void> {
  if (state.retryAfterMs > 0) throw tooManyRequests(state.retryAfterMs);
}
