import { Email } from "../../domain/users/Email.js";
import type { TraceContext } from "../../domain/shared/EventMessage.js";
import type { User } from "../../domain/users/User.js";
import { EmailNotVerified, InvalidCredentials, UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { EventRelay } from "../ports/EventRelay.js";
import type { PasswordHasher } from "../ports/PasswordHasher.js";
import type { SessionRecord } from "../ports/SessionStore.js";
import { toEventMessages } from "../shared/eventMessages.js";
import type { Device } from "./sessions/Device.js";
import { endPresentedSession } from "./sessions/endPresentedSession.js";
import type { IssuedSession } from "./sessions/IssuedSession.js";
import { startSession, type SessionStarter } from "./sessions/startSession.js";
import { toPublicUser, type PublicUser } from "./views/PublicUser.js";

export interface LoginInput extends Device {
  email: string;
  password: string;
  /** The session token this client already holds (cookie or Bearer), if any. */
  previousToken?: string | null | undefined;
  trace?: TraceContext | undefined;
}

export interface LoginOutput {
  user: PublicUser;
  session: IssuedSession;
}

export type LoginError = InvalidCredentials | EmailNotVerified;

/** An event write that lost an optimistic-lock race is retried on fresh state this many times. */
const EVENT_WRITE_ATTEMPTS = 3;

export class Login {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly starter: SessionStarter,
    private readonly relay: EventRelay,
    /** REQUIRE_VERIFIED_EMAIL: an unverified address may not log in (said only to whoever knows the password). */
    private readonly requireVerifiedEmail = false,
  ) {}

  async execute(input: LoginInput): Promise<LoginOutput> {
    const user = await this.users.findByEmail(Email.normalise(input.email));
    // An unknown email still pays for one bcrypt comparison, so timing does not reveal which accounts exist.
    const hash = user?.passwordHash ?? (await this.hasher.dummyHash());
    const matches = await this.hasher.verify(input.password.normalize("NFC"), hash);
    // A disabled account (deletion pending) gets the wrong-password answer, after the same bcrypt comparison.
    if (!user || !matches || user.disabled) throw new InvalidCredentials();
    if (this.requireVerifiedEmail && !user.emailVerifiedAt) throw new EmailNotVerified();
    // The client replaces the session it holds, whoever it belonged to: a copy of the older token (another tab, a
    // proxy log, a stolen cookie) stops working too. Only a successful login does this.
    const replaced = await endPresentedSession(this.starter.tokens, this.starter.sessions, input.previousToken);
    const { record, token, newDevice } = await startSession(this.starter, user, input, replaced);
    if (newDevice && this.starter.policy.newSignInNotice) await this.announce(user, record, input.trace);
    return { user: toPublicUser(user), session: { token: token.token, expiresAt: record.expiresAt } };
  }

  /** The notice goes through the outbox with the user, so it is sent once even if the bus or the mailer is down now. */
  private async announce(user: User, session: SessionRecord, trace: TraceContext | undefined): Promise<void> {
    let current: User | null = user;
    for (let attempt = 1; current; attempt++) {
      current.signedInFromNewDevice({ sessionId: session.id, userAgent: session.userAgent, ip: session.ip }, session.createdAt);
      try {
        await this.users.update(current, toEventMessages(current.pullEvents(), this.starter.ids, trace));
        this.relay.nudge();
        return;
      } catch (error) {
        if (!(error instanceof UserModifiedConcurrently) || attempt >= EVENT_WRITE_ATTEMPTS) throw error;
        current = await this.users.findById(user.id);
      }
    }
  }
}
