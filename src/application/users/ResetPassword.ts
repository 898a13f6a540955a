import { InvalidEmailedToken, type UserModifiedConcurrently, type WeakPassword } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { EmailedTokens } from "../ports/EmailedTokens.js";
import type { EventRelay } from "../ports/EventRelay.js";
import type { IdGenerator } from "../ports/IdGenerator.js";
import type { PasswordDenylist } from "../ports/PasswordDenylist.js";
import type { PasswordHasher } from "../ports/PasswordHasher.js";
import type { SessionStore } from "../ports/SessionStore.js";
import { toEventMessages } from "../shared/eventMessages.js";
import { acceptNewPassword } from "./policies/NewPasswordPolicy.js";

export interface ResetPasswordInput {
  token: string;
  newPassword: string;
}

export interface ResetPasswordOutput {
  /** The account's address, for the caller to clear that account's login lockout. */
  email: string;
}

export type ResetPasswordError = InvalidEmailedToken | WeakPassword | UserModifiedConcurrently;

/**
 * Sets the password from a reset link. Every session ends (the session version moves on), every other outstanding
 * link of the account is cancelled except the undo of an email change (the owner's way back must survive a reset by
 * whoever took the address), and a "your password was reset" notice goes out. The caller is not logged in.
 */
export class ResetPassword {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: EmailedTokens,
    private readonly sessions: SessionStore,
    private readonly hasher: PasswordHasher,
    private readonly denylist: PasswordDenylist,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: ResetPasswordInput): Promise<ResetPasswordOutput> {
    // Peek first: a weak password is refused without using up the link, so the user can try another.
    const seen = await this.tokens.peek("reset-password", input.token);
    if (!seen) throw new InvalidEmailedToken();
    const user = await this.users.findById(seen.userId);
    // A link sent to an address the account no longer has is dead, and so is any link of an account pending deletion.
    if (!user || user.email !== seen.email || user.disabled) throw new InvalidEmailedToken();
    const { firstName, lastName } = user.profile;
    const password = acceptNewPassword(input.newPassword, this.denylist, { email: user.email, firstName, lastName });
    const passwordHash = await this.hasher.hash(password.value);
    if (!(await this.tokens.consume("reset-password", input.token))) throw new InvalidEmailedToken();

    user.resetPassword(passwordHash, this.clock.now());
    await this.users.update(user, toEventMessages(user.pullEvents(), this.ids));
    await this.tokens.cancelAll(user.id, ["verify-email", "reset-password", "confirm-email-change"]);
    // The version bump already refuses every older session; this removes their records too (GET /sessions, CLI).
    await this.sessions.endAll(user.id);
    this.relay.nudge();
    return { email: user.email };
  }
}
