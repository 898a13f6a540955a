import type { TraceContext } from "../../domain/shared/EventMessage.js";
import { Email } from "../../domain/users/Email.js";
import { EmailTaken, EmailUnchanged, UserNotFound, WrongPassword, type InvalidEmail, type UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { EventRelay } from "../ports/EventRelay.js";
import type { IdGenerator } from "../ports/IdGenerator.js";
import type { PasswordHasher } from "../ports/PasswordHasher.js";
import { toEventMessages } from "../shared/eventMessages.js";

export interface RequestEmailChangeInput {
  userId: string;
  newEmail: string;
  password: string;
  trace?: TraceContext | undefined;
}

export type RequestEmailChangeError = UserNotFound | WrongPassword | InvalidEmail | EmailUnchanged | EmailTaken | UserModifiedConcurrently;

/**
 * A stolen session alone cannot move the account to another address: the current password is required. The new
 * address is held as pending and gets a confirmation link; the account keeps its address until that link is used.
 */
export class RequestEmailChange {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: RequestEmailChangeInput): Promise<void> {
    const user = await this.users.findById(input.userId);
    if (!user) throw new UserNotFound();
    if (!(await this.hasher.verify(input.password.normalize("NFC"), user.passwordHash))) throw new WrongPassword();
    const newEmail = Email.parse(input.newEmail);
    if (newEmail.value === user.email) throw new EmailUnchanged();
    // Checked now for a prompt answer, and again (with the unique index behind it) at confirmation.
    if (await this.users.findByEmail(newEmail.value)) throw new EmailTaken();
    user.requestEmailChange(newEmail, this.clock.now());
    await this.users.update(user, toEventMessages(user.pullEvents(), this.ids, input.trace));
    this.relay.nudge();
  }
}
