import { EmailTaken, InvalidEmailedToken, type UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { EmailedTokens } from "../ports/EmailedTokens.js";
import type { EventRelay } from "../ports/EventRelay.js";
import type { IdGenerator } from "../ports/IdGenerator.js";
import { toEventMessages } from "../shared/eventMessages.js";

export interface ConfirmEmailChangeInput {
  token: string;
}

export interface ConfirmEmailChangeOutput {
  email: string;
}

export type ConfirmEmailChangeError = InvalidEmailedToken | EmailTaken | UserModifiedConcurrently;

/**
 * The new address proved itself: it becomes the account's, verified, and the address from before gets a notice with
 * an undo link (sent by the worker). Links sent to the old address (verification, reset) are cancelled.
 */
export class ConfirmEmailChange {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: EmailedTokens,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    /** How long the old address may undo the change: the undo link's lifetime. */
    private readonly undoWindowMs: number,
  ) {}

  async execute(input: ConfirmEmailChangeInput): Promise<ConfirmEmailChangeOutput> {
    const seen = await this.tokens.peek("confirm-email-change", input.token);
    if (!seen) throw new InvalidEmailedToken();
    const user = await this.users.findById(seen.userId);
    // Only the latest pending address: a link for an address asked for earlier and since replaced is dead.
    if (!user || user.pendingEmail !== seen.email) throw new InvalidEmailedToken();
    const holder = await this.users.findByEmail(seen.email);
    if (holder && holder.id !== user.id) throw new EmailTaken();
    if (!(await this.tokens.consume("confirm-email-change", input.token))) throw new InvalidEmailedToken();

    const now = this.clock.now();
    user.confirmEmailChange(now, new Date(now.getTime() + this.undoWindowMs));
    await this.users.update(user, toEventMessages(user.pullEvents(), this.ids));
    await this.tokens.cancelAll(user.id, ["verify-email", "reset-password"]);
    this.relay.nudge();
    return { email: user.email };
  }
}
