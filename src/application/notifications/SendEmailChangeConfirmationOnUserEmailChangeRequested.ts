import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_EMAIL_CHANGE_REQUESTED } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import type { LinkIssuer } from "./delivery/issueLink.js";
import { readUserEventWith } from "./delivery/readRecoveryEvent.js";
import { sendOnceBuilt, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { confirmEmailChangeEmail } from "./templates/emailChangeEmails.js";

export type SendEmailChangeConfirmationOnUserEmailChangeRequestedError = UnsupportedEvent | NotificationInProgress;

/** The confirmation link goes to the new address: the token is bound to it, so it confirms exactly that address. */
export class SendEmailChangeConfirmationOnUserEmailChangeRequested implements EventUseCase<typeof USER_EMAIL_CHANGE_REQUESTED, NotificationOutcome> {
  readonly eventType = USER_EMAIL_CHANGE_REQUESTED;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
    private readonly links: LinkIssuer,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEventWith(message, this.eventType, ["newEmail"]);
    return sendOnceBuilt(this.ledger, this.mailer, `email-change-confirm-${message.id}`, async () => {
      const link = await this.links.issue({ purpose: "confirm-email-change", userId: user.userId, email: user.newEmail });
      return { to: user.newEmail, ...confirmEmailChangeEmail(user, link), traceId: message.trace?.traceId };
    });
  }
}
