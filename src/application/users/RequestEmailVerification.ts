import type { TraceContext } from "../../domain/shared/EventMessage.js";
import { UserNotFound, type UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { EventRelay } from "../ports/EventRelay.js";
import type { IdGenerator } from "../ports/IdGenerator.js";
import { toEventMessages } from "../shared/eventMessages.js";
import { spendEmailBudget, type EmailBudget } from "./policies/EmailBudget.js";

export interface RequestEmailVerificationInput {
  userId: string;
  trace?: TraceContext | undefined;
}

export type RequestEmailVerificationError = UserNotFound | UserModifiedConcurrently;

/**
 * A fresh verification link, through the outbox (the worker issues the token and sends it). The caller learns nothing
 * either way (202): already verified, in the cooldown or over the daily cap, nothing is sent.
 */
export class RequestEmailVerification {
  constructor(
    private readonly users: UserRepository,
    private readonly budget: EmailBudget,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: RequestEmailVerificationInput): Promise<void> {
    const user = await this.users.findById(input.userId);
    if (!user) throw new UserNotFound();
    if (user.emailVerifiedAt || !(await spendEmailBudget(this.budget, `verify:${user.id}`))) return;
    user.requestEmailVerification(this.clock.now());
    await this.users.update(user, toEventMessages(user.pullEvents(), this.ids, input.trace));
    this.relay.nudge();
  }
}
