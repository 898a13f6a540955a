import { container } from "../../src/composition/container.js";
import type { EventMessage } from "../../src/application/ports/EventBus.js";
import { accountUseCases } from "../../src/composition/accounts.js";
import type { SessionPolicy } from "../../src/application/users/sessions/SessionPolicy.js";
import { CLOCK, DENYLIST, HASHER, IDS, OUTBOX_RELAY, SESSION_POLICY, SESSION_TOKENS, SESSIONS, USERS } from "../../src/composition/tokens.js";
import { PASSWORD_MIN_LENGTH } from "../../src/domain/users/Password.js";
import { USER_PASSWORD_CHANGED, USER_SIGNED_IN_FROM_NEW_DEVICE, USER_SIGNED_UP } from "../../src/domain/users/UserEvents.js";
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

/**
 * Every account use-case, built by the same wiring as the app (accountUseCases) over real in-memory adapters
 * (bcrypt at cost 4 to stay fast, a settable clock). A new use-case shows up here without an edit.
 */
/** The defaults of config (7 days idle, 30 days absolute, 50 sessions, notice on). */
export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleTimeoutMs: 7 * 86_400_000,
  absoluteLifetimeMs: 30 * 86_400_000,
  maxPerUser: 50,
  newSignInNotice: true,
};

export function accountsKit(options: { sessionPolicy?: Partial<SessionPolicy> } = {}) {
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
  void bus.subscribe(USER_SIGNED_UP, "test", record);
  void bus.subscribe(USER_PASSWORD_CHANGED, "test", record);
  void bus.subscribe(USER_SIGNED_IN_FROM_NEW_DEVICE, "test", record);

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
  return {
    users,
    hasher,
    tokens,
    clock,
    sessions,
    sessionPolicy,
    bus,
    relay,
    published,
    /** Waits until every stored event is on the bus and every delivery has finished. */
    flushEvents: async () => {
      await relay.flush();
      await bus.drain();
    },
    ...accountUseCases(c),
  };
}

export const ada = { email: "Ada@Example.com", password: "analytical engine 1843", firstName: "Ada", lastName: "Lovelace" };
