import type { TraceContext } from "../../domain/shared/EventMessage.js";
import { Email } from "../../domain/users/Email.js";
import { USER_PASSWORD_RESET_REQUESTED, type UserEventData } from "../../domain/users/UserEvents.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { DependencyUnavailable } from "../shared/DependencyUnavailable.js";
import type { Clock } from "../ports/Clock.js";
import type { EventBus } from "../ports/EventBus.js";
import type { IdGenerator } from "../ports/IdGenerator.js";
import { toEventMessage } from "../shared/eventMessages.js";
import { spendEmailBudget, type EmailBudget } from "./policies/EmailBudget.js";

export interface RequestPasswordResetInput {
  email: string;
  trace?: TraceContext | undefined;
}

export type RequestPasswordResetError = DependencyUnavailable;

/**
 * POST /password/forgot. The answer must not tell whether the address has an account, is verified or is in its
 * cooldown, by content or by time. So every request does the same work: one budget check keyed on the normalised
 * address (account or not), one lookup, one event published straight to the bus. The event names the account only
 * when there is one, not pending deletion, and the budget allowed it, else `userId: null`, which the worker drops; the worker issues the
 * token and sends the email, never the request. (Straight to the bus, not the outbox: an address without an account
 * has no document to carry an outbox, and writing one only for known accounts would be the timing difference.)
 */
export class RequestPasswordReset {
  constructor(
    private readonly users: UserRepository,
    private readonly budget: EmailBudget,
    private readonly bus: EventBus,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: RequestPasswordResetInput): Promise<void> {
    const address = Email.normalise(input.email);
    const allowed = await spendEmailBudget(this.budget, `reset:${address}`);
    const user = await this.users.findByEmail(address);
    const data: UserEventData | { userId: null } = user && allowed && !user.disabled ? { userId: user.id, email: user.email, firstName: user.profile.firstName } : { userId: null };
    const event = { type: USER_PASSWORD_RESET_REQUESTED, occurredAt: this.clock.now(), data };
    await this.bus.publish(USER_PASSWORD_RESET_REQUESTED, toEventMessage(event, this.ids.next(), input.trace));
  }
}
