import { container } from "../../src/composition/container.js";
import type { EventMessage } from "../../src/application/ports/EventBus.js";
import { accountUseCases } from "../../src/composition/accounts.js";
import { EMAIL_BUDGETS, RECOVERY_SETTINGS, type EmailBudgets, type RecoverySettings } from "../../src/composition/recovery.js";
import { DEFAULT_ACCOUNT_DELETION } from "../../src/application/users/deletion/AccountDeletionPolicy.js";
import { ACCOUNT_DELETION, CLOCK, DENYLIST, EMAILED_TOKENS, EVENT_BUS, HASHER, IDS, OUTBOX_RELAY, SESSION_POLICY, SESSION_TOKENS, SESSIONS, USERS } from "../../src/composition/tokens.js";
import { PASSWORD_MIN_LENGTH } from "../../src/domain/users/Password.js";
import { USER_EVENT_TYPES } from "../../src/domain/users/UserEvents.js";
import { InMemoryEmailedTokens } from "../../src/infrastructure/memory/InMemoryEmailedTokens.js";
import { FlexibleAttemptLimiter } from "../../src/infrastructure/ratelimit/FlexibleAttemptLimiter.js";
import type { SessionPolicy } from "../../src/application/users/sessions/SessionPolicy.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { InMemoryEventBus } from "../../src/infrastructure/memory/InMemoryEventBus.js";
import { InMemorySessionStore } from "../../src/infrastructure/memory/InMemorySessionStore.js";
import { InMemoryUserRepository } from "../../src/infrastructure/memory/InMemoryUserRepository.js";
import { OutboxRelay } from "../../src/infrastructure/outbox/OutboxRelay.js";
import { BcryptPasswordHasher } from "../../src/infrastructure/security/BcryptPasswordHasher.js";
import { CommonPasswordDenylist } from "../../src/infrastructure/security/CommonPasswordDenylist.js";
import { JwtTokenService } from "../../src/infrastructure/security/JwtTokenService.js";
import { RandomIdGenerator } from "../../src/infrastructure/system/RandomIdGenerator.js";

export const TEST_SECRET = "test-secret-that-is-at-least-32-bytes-long!";

/** A settable clock, so tests can move time without sleeping. */
export class TestClock {
  constructor(public current = new Date("2026-01-01T00:00:00Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const KIT_RECOVERY: RecoverySettings = {
  requireVerifiedEmail: false,
  undoWindowMs: 7 * 86_400_000,
  links: {
    base: "https://bazaar.test",
    lifetimesMs: { "verify-email": 86_400_000, "reset-password": 1_800_000, "confirm-email-change": 3_600_000, "undo-email-change": 7 * 86_400_000 },
  },
};

/** The defaults of config (7 days idle, 30 days absolute, 50 sessions, notice on). */
export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleTimeoutMs: 7 * 86_400_000,
  absoluteLifetimeMs: 30 * 86_400_000,
  maxPerUser: 50,
  newSignInNotice: true,
};

/**
 * Every account use-case, built by the same wiring as the app (accountUseCases) over real in-memory adapters
 * (bcrypt at cost 4 to stay fast, a settable clock). A new use-case shows up here without an edit.
 */
export function accountsKit(options: { recovery?: Partial<RecoverySettings>; sessionPolicy?: Partial<SessionPolicy> } = {}) {
  const users = new InMemoryUserRepository();
  const hasher = new BcryptPasswordHasher(4);
  const tokens = new JwtTokenService({ secret: TEST_SECRET, issuer: "bazaar", audience: "bazaar-api", ttlSeconds: 3600 });
  const clock = new TestClock();
  const sessions = new InMemorySessionStore(clock);
  const sessionPolicy = { ...DEFAULT_SESSION_POLICY, ...options.sessionPolicy };
  const bus = new InMemoryEventBus();
  // Not started: no poll timer in unit tests; each use-case's nudge is enough, and flushEvents() makes it deterministic.
  const relay = new OutboxRelay(users, bus, { batchSize: 100, pollIntervalMs: 60_000, retryBaseMs: 10, retryMaxMs: 100 }, createLogger("silent"));
  const published: EventMessage[] = [];
  const record = async (m: EventMessage) => void published.push(m);
  for (const type of USER_EVENT_TYPES) void bus.subscribe(type, "test", record);
  const emailedTokens = new InMemoryEmailedTokens(clock);
  const budget = (points: number) => ({
    cooldown: FlexibleAttemptLimiter.inMemory({ name: "cooldown", points: 1, windowSeconds: 60 }),
    daily: FlexibleAttemptLimiter.inMemory({ name: "daily", points, windowSeconds: 86_400 }),
  });
  const budgets: EmailBudgets = { verification: budget(5), passwordReset: budget(5) };

  const c = container.createChildContainer();
  c.register(USERS, { useValue: users });
  c.register(HASHER, { useValue: hasher });
  c.register(DENYLIST, { useValue: new CommonPasswordDenylist(PASSWORD_MIN_LENGTH) });
  c.register(SESSION_TOKENS, { useValue: tokens });
  c.register(SESSIONS, { useValue: sessions });
  c.register(SESSION_POLICY, { useValue: sessionPolicy });
  c.register(OUTBOX_RELAY, { useValue: relay });
  c.register(IDS, { useValue: new RandomIdGenerator() });
  c.register(CLOCK, { useValue: clock });
  c.register(EVENT_BUS, { useValue: bus });
  c.register(EMAILED_TOKENS, { useValue: emailedTokens });
  c.register(EMAIL_BUDGETS, { useValue: budgets });
  c.register(RECOVERY_SETTINGS, { useValue: { ...KIT_RECOVERY, ...options.recovery } });
  c.register(ACCOUNT_DELETION, { useValue: DEFAULT_ACCOUNT_DELETION });
  return {
    users,
    hasher,
    tokens,
    clock,
    emailedTokens,
    sessions,
    sessionPolicy,
    bus,
    relay,
    published,
    budgets,
    /** Waits until every stored event is on the bus and every delivery has finished. */
    flushEvents: async () => {
      await relay.flush();
      await bus.drain();
    },
    ...accountUseCases(c),
  };
}

export const ada = { email: "Ada@Example.com", password: "analytical engine 1843", firstName: "Ada", lastName: "Lovelace" };
