import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_EMAIL_CHANGED } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import type { LinkIssuer } from "./delivery/issueLink.js";
import { readUserEventWith } from "./delivery/readRecoveryEvent.js";
import { sendOnceBuilt, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { emailChangedNoticeEmail } from "./templates/emailChangeEmails.js";

export type SendEmailChangedNoticeOnUserEmailChangedError = UnsupportedEvent | NotificationInProgress;

/** The old address learns of the change and gets the undo link (bound to that address and to the new one). */
export class SendEmailChangedNoticeOnUserEmailChanged implements EventUseCase<typeof USER_EMAIL_CHANGED, NotificationOutcome> {
  readonly eventType = USER_EMAIL_CHANGED;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
    private readonly links: LinkIssuer,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEventWith(message, this.eventType, ["previousEmail"]);
    return sendOnceBuilt(this.ledger, this.mailer, `email-changed-notice-${message.id}`, async () => {
      const link = await this.links.issue({ purpose: "undo-email-change", userId: user.userId, email: user.previousEmail, data: { newEmail: user.email } });
      return { to: user.previousEmail, ...emailChangedNoticeEmail(user, link), traceId: message.trace?.traceId };
    });
  }
}
