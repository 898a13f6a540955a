import type { TraceContext } from "../../domain/shared/EventMessage.js";
import type { UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import { UserNotFound, WeakPassword, WrongPassword } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { EventRelay } from "../ports/EventRelay.js";
import type { IdGenerator } from "../ports/IdGenerator.js";
import type { PasswordDenylist } from "../ports/PasswordDenylist.js";
import type { PasswordHasher } from "../ports/PasswordHasher.js";
import { toEventMessages } from "../shared/eventMessages.js";
import { acceptNewPassword } from "./policies/NewPasswordPolicy.js";
import type { Device } from "./sessions/Device.js";
import type { IssuedSession } from "./sessions/IssuedSession.js";
import { startSession, type SessionStarter } from "./sessions/startSession.js";
import { toPublicUser, type PublicUser } from "./views/PublicUser.js";

export interface ChangePasswordInput extends Device {
  userId: string;
  oldPassword: string;
  newPassword: string;
  /** The caller's trace, carried by the events this change raises. */
  trace?: TraceContext | undefined;
}

export interface ChangePasswordOutput {
  user: PublicUser;
  session: IssuedSession;
}

export type ChangePasswordError = UserNotFound | WrongPassword | WeakPassword | UserModifiedConcurrently;

export class ChangePassword {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly denylist: PasswordDenylist,
    private readonly starter: SessionStarter,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: ChangePasswordInput): Promise<ChangePasswordOutput> {
    const user = await this.users.findById(input.userId);
    if (!user) throw new UserNotFound();
    if (!(await this.hasher.verify(input.oldPassword.normalize("NFC"), user.passwordHash))) throw new WrongPassword();
    const { firstName, lastName } = user.profile;
    const password = acceptNewPassword(input.newPassword, this.denylist, { email: user.email, firstName, lastName });
    if (password.value === input.oldPassword.normalize("NFC")) throw new WeakPassword("New password must differ from the current one");

    // Bumping the session version ends every token issued before this moment, on every device; their records go too.
    user.changePassword(await this.hasher.hash(password.value), this.clock.now());
    await this.users.update(user, toEventMessages(user.pullEvents(), this.ids, input.trace));
    this.relay.nudge();
    await this.starter.sessions.endAll(user.id);
    // The caller keeps working: a fresh session (and record) for the device that made the change.
    const { record, token } = await startSession(this.starter, user, input);
    return { user: toPublicUser(user), session: { token: token.token, expiresAt: record.expiresAt } };
  }
}
