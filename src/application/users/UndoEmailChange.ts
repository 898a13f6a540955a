import { EmailTaken, InvalidEmailedToken, type UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { EmailedTokens } from "../ports/EmailedTokens.js";
import type { EventRelay } from "../ports/EventRelay.js";
import type { IdGenerator } from "../ports/IdGenerator.js";
import type { SessionStore } from "../ports/SessionStore.js";
import { toEventMessages } from "../shared/eventMessages.js";

export interface UndoEmailChangeInput {
  token: string;
}

export interface UndoEmailChangeOutput {
  email: string;
}

export type UndoEmailChangeError = InvalidEmailedToken | EmailTaken | UserModifiedConcurrently;

/**
 * The old address takes the account back: its address returns, every session ends, every outstanding link is
 * cancelled, and the password is replaced by an unusable one (whoever changed the address may have had it), so the
 * owner sets a new one through the reset email the worker sends to the restored address.
 */
export class UndoEmailChange {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: EmailedTokens,
    private readonly sessions: SessionStore,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: UndoEmailChangeInput): Promise<UndoEmailChangeOutput> {
    const seen = await this.tokens.peek("undo-email-change", input.token);
    if (!seen) throw new InvalidEmailedToken();
    const user = await this.users.findById(seen.userId);
    const now = this.clock.now();
    if (!user || user.undoEmailAt(now) !== seen.email) throw new InvalidEmailedToken();
    const holder = await this.users.findByEmail(seen.email);
    if (holder && holder.id !== user.id) throw new EmailTaken();
    if (!(await this.tokens.consume("undo-email-change", input.token))) throw new InvalidEmailedToken();

    // Cancelled before the write, so the reset link the worker issues from this write's event is never among them.
    await this.tokens.cancelAll(user.id, ["verify-email", "reset-password", "confirm-email-change", "undo-email-change"]);
    user.undoEmailChange(now);
    await this.users.update(user, toEventMessages(user.pullEvents(), this.ids));
    await this.sessions.endAll(user.id);
    this.relay.nudge();
    return { email: user.email };
  }
}
