import type { TraceContext } from "../../domain/shared/EventMessage.js";
import { Email } from "../../domain/users/Email.js";
import { User } from "../../domain/users/User.js";
import type { EmailTaken, InvalidEmail, WeakPassword } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { EventRelay } from "../ports/EventRelay.js";
import type { IdGenerator } from "../ports/IdGenerator.js";
import type { PasswordDenylist } from "../ports/PasswordDenylist.js";
import type { PasswordHasher } from "../ports/PasswordHasher.js";
import { toEventMessages } from "../shared/eventMessages.js";
import { acceptNewPassword } from "./policies/NewPasswordPolicy.js";
import { toPublicUser, type PublicUser } from "./views/PublicUser.js";

export interface RegisterUserInput {
  email: string;
  password: string;
  firstName: string;
  lastName?: string | undefined;
  /** The caller's trace, carried by the events this signup raises. */
  trace?: TraceContext | undefined;
}

export type RegisterUserError = InvalidEmail | WeakPassword | EmailTaken;

export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly denylist: PasswordDenylist,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: RegisterUserInput): Promise<PublicUser> {
    const email = Email.parse(input.email);
    const lastName = input.lastName ?? null;
    const password = acceptNewPassword(input.password, this.denylist, { email: email.value, firstName: input.firstName, lastName });
    const user = User.register({
      id: this.ids.next(),
      email,
      passwordHash: await this.hasher.hash(password.value),
      profile: { firstName: input.firstName, lastName },
      now: this.clock.now(),
    });
    // The events are saved with the user, so signup succeeds even while the bus is down; the relay delivers them.
    await this.users.add(user, toEventMessages(user.pullEvents(), this.ids, input.trace));
    this.relay.nudge();
    return toPublicUser(user);
  }
}
