import { Authenticate } from "../../src/application/users/Authenticate.js";
import { ChangePassword } from "../../src/application/users/ChangePassword.js";
import { EditProfile } from "../../src/application/users/EditProfile.js";
import { Login } from "../../src/application/users/Login.js";
import { Logout } from "../../src/application/users/Logout.js";
import { RegisterUser } from "../../src/application/users/RegisterUser.js";
import { ViewProfile } from "../../src/application/users/ViewProfile.js";
import type { EventMessage } from "../../src/application/ports/EventBus.js";
import { PASSWORD_MIN_LENGTH } from "../../src/domain/users/Password.js";
import { InMemoryEventBus } from "../../src/infrastructure/memory/InMemoryEventBus.js";
import { InMemorySessionRevocations } from "../../src/infrastructure/memory/InMemorySessionRevocations.js";
import { InMemoryUserRepository } from "../../src/infrastructure/memory/InMemoryUserRepository.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { OutboxRelay } from "../../src/infrastructure/outbox/OutboxRelay.js";
import { BcryptPasswordHasher } from "../../src/infrastructure/security/BcryptPasswordHasher.js";
import { CommonPasswordDenylist } from "../../src/infrastructure/security/CommonPasswordDenylist.js";
import { JwtTokenService } from "../../src/infrastructure/security/JwtTokenService.js";
import { RandomIdGenerator } from "../../src/infrastructure/security/RandomIdGenerator.js";

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

/** Every account use-case wired to real in-memory adapters (bcrypt at cost 4 to stay fast). */
export function accountsKit() {
  const users = new InMemoryUserRepository();
  const hasher = new BcryptPasswordHasher(4);
  const denylist = new CommonPasswordDenylist(PASSWORD_MIN_LENGTH);
  const tokens = new JwtTokenService({ secret: TEST_SECRET, issuer: "bazaar", audience: "bazaar-api", ttlSeconds: 3600 });
  const clock = new TestClock();
  const revocations = new InMemorySessionRevocations({ now: () => new Date() });
  const bus = new InMemoryEventBus();
  // Not started: no poll timer in unit tests; each use-case's nudge is enough, and flushEvents() makes it deterministic.
  const relay = new OutboxRelay(users, bus, { batchSize: 100, pollIntervalMs: 60_000, retryBaseMs: 10, retryMaxMs: 100 }, createLogger("silent"));
  const ids = new RandomIdGenerator();
  const published: EventMessage[] = [];
  const record = async (m: EventMessage) => void published.push(m);
  void bus.subscribe("user:signup", "test", record);
  void bus.subscribe("user:password-changed", "test", record);
  return {
    users,
    hasher,
    tokens,
    clock,
    revocations,
    bus,
    relay,
    published,
    /** Waits until every stored event is on the bus and every delivery has finished. */
    flushEvents: async () => {
      await relay.flush();
      await bus.drain();
    },
    registerUser: new RegisterUser(users, hasher, denylist, relay, ids, clock),
    login: new Login(users, hasher, tokens, revocations),
    logout: new Logout(revocations),
    authenticate: new Authenticate(tokens, revocations, users),
    viewProfile: new ViewProfile(users),
    editProfile: new EditProfile(users, clock),
    changePassword: new ChangePassword(users, hasher, denylist, tokens, relay, ids, clock),
  };
}

export const ada = { email: "Ada@Example.com", password: "analytical engine 1843", firstName: "Ada", lastName: "Lovelace" };
