import type { EventMessage } from "../../domain/shared/EventMessage.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { readUserEvent } from "./readUserEvent.js";
import { sendOnce, type NotificationOutcome } from "./sendOnce.js";
import { passwordChangedEmail } from "./templates/passwordChangedEmail.js";

export type SendPasswordChangedNoticeError = UnsupportedEvent | NotificationInProgress;

export class SendPasswordChangedNotice {
  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, "user:password-changed");
    const mail = passwordChangedEmail(user, message.occurredAt);
    return sendOnce(this.ledger, this.mailer, { to: user.email, ...mail, idempotencyKey: `password-changed-${message.id}` });
  }
}
