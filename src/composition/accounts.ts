import { randomBytes } from "node:crypto";
import { instanceCachingFactory, type DependencyContainer, type InjectionToken } from "./container.js";
import type { AttemptLimiter } from "../application/ports/AttemptLimiter.js";
import { Authenticate } from "../application/users/Authenticate.js";
import { ChangePassword } from "../application/users/ChangePassword.js";
import { ConfirmEmailChange } from "../application/users/ConfirmEmailChange.js";
import { DAY_MS, DEFAULT_ACCOUNT_DELETION } from "../application/users/deletion/AccountDeletionPolicy.js";
import { DeleteAccount } from "../application/users/deletion/DeleteAccount.js";
import { EraseDueAccounts } from "../application/users/deletion/EraseDueAccounts.js";
import { RestoreAccount } from "../application/users/deletion/RestoreAccount.js";
import { EditProfile } from "../application/users/EditProfile.js";
import { EndSession } from "../application/users/EndSession.js";
import { ListSessions } from "../application/users/ListSessions.js";
import { Login } from "../application/users/Login.js";
import { Logout } from "../application/users/Logout.js";
import { RegisterUser } from "../application/users/RegisterUser.js";
import { RequestEmailChange } from "../application/users/RequestEmailChange.js";
import { RequestEmailVerification } from "../application/users/RequestEmailVerification.js";
import { RequestPasswordReset } from "../application/users/RequestPasswordReset.js";
import { ResetPassword } from "../application/users/ResetPassword.js";
import { UndoEmailChange } from "../application/users/UndoEmailChange.js";
import { VerifyEmail } from "../application/users/VerifyEmail.js";
import { RevokeSessions } from "../application/users/RevokeSessions.js";
import type { SessionStarter } from "../application/users/sessions/startSession.js";
import { ViewProfile } from "../application/users/ViewProfile.js";
import { PASSWORD_MIN_LENGTH } from "../domain/users/Password.js";
import type { Config } from "../infrastructure/config/config.js";
import type { Logger } from "../infrastructure/logging/logger.js";
import { InMemorySessionStore } from "../infrastructure/memory/InMemorySessionStore.js";
import { InMemoryUserRepository } from "../infrastructure/memory/InMemoryUserRepository.js";
import { MongoUserRepository } from "../infrastructure/mongo/MongoUserRepository.js";
import { FlexibleAttemptLimiter, type LimitPolicy } from "../infrastructure/ratelimit/FlexibleAttemptLimiter.js";
import type { RedisClient } from "../infrastructure/redis/connectRedis.js";
import { RedisSessionStore } from "../infrastructure/redis/RedisSessionStore.js";
import { BcryptPasswordHasher } from "../infrastructure/security/BcryptPasswordHasher.js";
import { CommonPasswordDenylist } from "../infrastructure/security/CommonPasswordDenylist.js";
import { JwtTokenService } from "../infrastructure/security/JwtTokenService.js";
import type { AuthLimiters } from "../interfaces/http/throttling/AuthThrottle.js";
import { EMAIL_BUDGETS, RECOVERY_SETTINGS } from "./recovery.js";
import type { FeatureModule } from "./runtime.js";
import { ACCOUNT_DELETION, AUTH_LIMITERS, CLOCK, DENYLIST, EMAILED_TOKENS, EVENT_BUS, HASHER, IDS, OUTBOX_RELAY, SESSION_POLICY, SESSION_TOKENS, SESSIONS, USERS } from "./tokens.js";

/** Every account use-case, built from the ports on the container: a new use-case is one line here. */
export function accountUseCases(c: DependencyContainer) {
  const r = <T>(token: InjectionToken<T>) => c.resolve(token);
  const starter: SessionStarter = { sessions: r(SESSIONS), tokens: r(SESSION_TOKENS), ids: r(IDS), clock: r(CLOCK), policy: r(SESSION_POLICY) };
  return {
    registerUser: new RegisterUser(r(USERS), r(HASHER), r(DENYLIST), r(OUTBOX_RELAY), r(IDS), r(CLOCK)),
    login: new Login(r(USERS), r(HASHER), starter, r(OUTBOX_RELAY), r(RECOVERY_SETTINGS).requireVerifiedEmail),
    logout: new Logout(r(SESSION_TOKENS), r(SESSIONS)),
    authenticate: new Authenticate(r(SESSION_TOKENS), r(SESSIONS), r(USERS), r(CLOCK), r(SESSION_POLICY)),
    viewProfile: new ViewProfile(r(USERS)),
    editProfile: new EditProfile(r(USERS), r(CLOCK)),
    changePassword: new ChangePassword(r(USERS), r(HASHER), r(DENYLIST), starter, r(OUTBOX_RELAY), r(IDS), r(CLOCK)),
    // Sessions a user can see and end (issue 12).
    listSessions: new ListSessions(r(USERS), r(SESSIONS)),
    endSession: new EndSession(r(SESSIONS)),
    revokeSessions: new RevokeSessions(r(USERS), r(SESSIONS)),
    // Account recovery and proof of address (issue 11).
    requestEmailVerification: new RequestEmailVerification(r(USERS), r(EMAIL_BUDGETS).verification, r(OUTBOX_RELAY), r(IDS), r(CLOCK)),
    verifyEmail: new VerifyEmail(r(USERS), r(EMAILED_TOKENS), r(CLOCK)),
    requestPasswordReset: new RequestPasswordReset(r(USERS), r(EMAIL_BUDGETS).passwordReset, r(EVENT_BUS), r(IDS), r(CLOCK)),
    resetPassword: new ResetPassword(r(USERS), r(EMAILED_TOKENS), r(SESSIONS), r(HASHER), r(DENYLIST), r(OUTBOX_RELAY), r(IDS), r(CLOCK)),
    requestEmailChange: new RequestEmailChange(r(USERS), r(HASHER), r(OUTBOX_RELAY), r(IDS), r(CLOCK)),
    confirmEmailChange: new ConfirmEmailChange(r(USERS), r(EMAILED_TOKENS), r(OUTBOX_RELAY), r(IDS), r(CLOCK), r(RECOVERY_SETTINGS).undoWindowMs),
    undoEmailChange: new UndoEmailChange(r(USERS), r(EMAILED_TOKENS), r(SESSIONS), r(OUTBOX_RELAY), r(IDS), r(CLOCK)),
    // Account deletion (issue 12).
    deleteAccount: new DeleteAccount(r(USERS), r(HASHER), r(SESSIONS), r(OUTBOX_RELAY), r(IDS), r(CLOCK), r(ACCOUNT_DELETION)),
    restoreAccount: new RestoreAccount(r(USERS), r(EMAILED_TOKENS), r(CLOCK)),
    eraseDueAccounts: new EraseDueAccounts(r(USERS), r(EMAILED_TOKENS), r(SESSIONS), r(OUTBOX_RELAY), r(IDS), r(CLOCK), r(ACCOUNT_DELETION)),
  };
}

export type Accounts = ReturnType<typeof accountUseCases>;
export const ACCOUNTS: InjectionToken<Accounts> = Symbol("Accounts");

/** Users (MongoDB or memory, also the outbox), password hashing, session tokens, session records and sign-in limits. */
export const accountsModule: FeatureModule = async (c, { config, logger, mongo, redis, uses }) => {
  const db = await mongo();
  if (db) {
    const users = new MongoUserRepository(db);
    await users.ensureIndexes();
    c.register(USERS, { useValue: users });
    uses(`users: MongoDB (${config.mongo?.dbName})`);
  } else {
    c.register(USERS, { useValue: new InMemoryUserRepository() });
    uses("users: in-memory");
  }
  c.register(HASHER, { useValue: new BcryptPasswordHasher(config.bcryptCost, config.passwordHashConcurrency ?? undefined) });
  c.register(DENYLIST, { useValue: new CommonPasswordDenylist(PASSWORD_MIN_LENGTH) });
  c.register(SESSION_TOKENS, { useValue: new JwtTokenService({ ...config.jwt, secret: jwtSecret(config, logger) }) });

  const s = config.sessions;
  c.register(SESSION_POLICY, {
    useValue: { idleTimeoutMs: s.idleTimeoutSeconds * 1000, absoluteLifetimeMs: s.absoluteLifetimeSeconds * 1000, maxPerUser: s.maxPerUser, newSignInNotice: s.newSignInNotice },
  });
  const client = await redis();
  c.register(ACCOUNT_DELETION, { useValue: { ...DEFAULT_ACCOUNT_DELETION, graceMs: config.accountDeletion.graceDays * DAY_MS } });
  if (client) c.register(SESSIONS, { useFactory: instanceCachingFactory((r) => new RedisSessionStore(client, r.resolve(CLOCK))) });
  else c.register(SESSIONS, { useFactory: instanceCachingFactory((r) => new InMemorySessionStore(r.resolve(CLOCK))) });
  const redisKind = config.redis && "clusterNodes" in config.redis ? "Redis Cluster" : "Redis";
  uses(`sessions and rate limits: ${client ? redisKind : "in-memory"}`);
  // A factory, not useValue: tsyringe treats a null value as "no provider".
  const limiters = config.rateLimits.enabled ? authLimiters(config, client) : null;
  c.register(AUTH_LIMITERS, { useFactory: () => limiters });

  c.register(ACCOUNTS, { useFactory: instanceCachingFactory(accountUseCases) });
};

function jwtSecret(config: Config, logger: Logger): string {
  if (config.jwt.secret) return config.jwt.secret;
  // Only reachable in development: config refuses to start elsewhere without a secret.
  logger.warn("JWT_SECRET is not set: using a random secret for this process (sessions end on restart)");
  return randomBytes(32).toString("base64url");
}

function authLimiters(config: Config, redis: RedisClient | null): AuthLimiters {
  const make = (policy: LimitPolicy): AttemptLimiter => (redis ? FlexibleAttemptLimiter.redis(policy, redis) : FlexibleAttemptLimiter.inMemory(policy));
  const rl = config.rateLimits;
  return {
    loginPerIp: make({ name: "login-ip", points: rl.loginPerIp, windowSeconds: rl.loginWindowSeconds }),
    loginFailuresPerAccountIp: make({ name: "login-fail-account-ip", points: rl.loginFailuresPerAccountIp, windowSeconds: rl.loginWindowSeconds }),
    loginFailuresPerAccount: make({ name: "login-fail-account", points: rl.loginFailuresPerAccount, windowSeconds: rl.loginWindowSeconds }),
    signupPerIp: make({ name: "signup-ip", points: rl.signupPerIp, windowSeconds: rl.signupWindowSeconds }),
    signupPerAccount: make({ name: "signup-account", points: rl.signupPerEmail, windowSeconds: rl.signupPerEmailWindowSeconds }),
    passwordForgotPerIp: make({ name: "password-forgot-ip", points: config.recovery.forgotPerIp, windowSeconds: config.recovery.forgotWindowSeconds }),
  };
}
