import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_EMAIL_VERIFICATION_REQUESTED } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import type { LinkIssuer } from "./delivery/issueLink.js";
import { readUserEvent } from "./delivery/readUserEvent.js";
import { sendOnceBuilt, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { verifyEmail } from "./templates/verifyEmail.js";

export type SendVerificationEmailOnUserEmailVerificationRequestedError = UnsupportedEvent | NotificationInProgress;

export class SendVerificationEmailOnUserEmailVerificationRequested implements EventUseCase<typeof USER_EMAIL_VERIFICATION_REQUESTED, NotificationOutcome> {
  readonly eventType = USER_EMAIL_VERIFICATION_REQUESTED;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
    private readonly links: LinkIssuer,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, this.eventType);
    return sendOnceBuilt(this.ledger, this.mailer, `verify-email-${message.id}`, async () => {
      const link = await this.links.issue({ purpose: "verify-email", userId: user.userId, email: user.email });
      return { to: user.email, ...verifyEmail(user, link), traceId: message.trace?.traceId };
    });
  }
}
