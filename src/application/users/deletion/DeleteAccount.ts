import type { TraceContext } from "../../../domain/shared/EventMessage.js";
import type { UserModifiedConcurrently } from "../../../domain/users/UserErrors.js";
import { UserNotFound, WrongPassword } from "../../../domain/users/UserErrors.js";
import type { UserRepository } from "../../../domain/users/UserRepository.js";
import type { Clock } from "../../ports/Clock.js";
import type { EventRelay } from "../../ports/EventRelay.js";
import type { IdGenerator } from "../../ports/IdGenerator.js";
import type { PasswordHasher } from "../../ports/PasswordHasher.js";
import type { SessionStore } from "../../ports/SessionStore.js";
import { toEventMessages } from "../../shared/eventMessages.js";
import type { AccountDeletionPolicy } from "./AccountDeletionPolicy.js";

export interface DeleteAccountInput {
  userId: string;
  /** Asked again: a session alone (a stolen cookie, an unlocked laptop) must not be enough to delete an account. */
  password: string;
  trace?: TraceContext | undefined;
}

export interface DeleteAccountOutput {
  /** When the account will be erased unless restored with the emailed link. */
  eraseAfter: Date;
}

export type DeleteAccountError = UserNotFound | WrongPassword | UserModifiedConcurrently;

/**
 * Disables the account at once and schedules its erasure after the grace period. The session version bump ends every
 * session; the user:deletion-requested event (stored with the change, in the outbox) makes the worker mail the
 * notice with the restore link. The raw restore token is made there, never stored here.
 */
export class DeleteAccount {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStore,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly policy: AccountDeletionPolicy,
  ) {}

  async execute(input: DeleteAccountInput): Promise<DeleteAccountOutput> {
    const user = await this.users.findById(input.userId);
    if (!user) throw new UserNotFound();
    if (!(await this.hasher.verify(input.password.normalize("NFC"), user.passwordHash))) throw new WrongPassword();
    // Unreachable through the API (a disabled account has no live session), but a repeat must not move the date.
    if (user.deletion) return { eraseAfter: new Date(user.deletion.eraseAfter) };
    const now = this.clock.now();
    const eraseAfter = new Date(now.getTime() + this.policy.graceMs);
    user.requestDeletion(now, eraseAfter);
    await this.users.update(user, toEventMessages(user.pullEvents(), this.ids, input.trace));
    await this.sessions.endAll(user.id);
    this.relay.nudge();
    return { eraseAfter };
  }
}
