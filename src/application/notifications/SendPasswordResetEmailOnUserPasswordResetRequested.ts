import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_PASSWORD_RESET_REQUESTED } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import type { LinkIssuer } from "./delivery/issueLink.js";
import { isNoAccount } from "./delivery/readRecoveryEvent.js";
import { readUserEvent } from "./delivery/readUserEvent.js";
import { sendOnceBuilt, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { passwordResetEmail } from "./templates/passwordResetEmail.js";

export type SendPasswordResetEmailOnUserPasswordResetRequestedError = UnsupportedEvent | NotificationInProgress;

/**
 * POST /password/forgot publishes one event per request, account or not, so the request does the same work either
 * way; the ones without an account (or in their cooldown) arrive here with `userId: null` and send nothing.
 */
export class SendPasswordResetEmailOnUserPasswordResetRequested implements EventUseCase<typeof USER_PASSWORD_RESET_REQUESTED, NotificationOutcome | "no-account"> {
  readonly eventType = USER_PASSWORD_RESET_REQUESTED;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
    private readonly links: LinkIssuer,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome | "no-account"> {
    if (message.type === this.eventType && isNoAccount(message)) return "no-account";
    const user = readUserEvent(message, this.eventType);
    return sendOnceBuilt(this.ledger, this.mailer, `password-reset-${message.id}`, async () => {
      const link = await this.links.issue({ purpose: "reset-password", userId: user.userId, email: user.email });
      return { to: user.email, ...passwordResetEmail(user, link), traceId: message.trace?.traceId };
    });
  }
}
