import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_PASSWORD_CHANGED } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import { readUserEvent } from "./delivery/readUserEvent.js";
import { sendOnce, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { passwordChangedEmail } from "./templates/passwordChangedEmail.js";

export type SendPasswordChangedNoticeOnUserPasswordChangedError = UnsupportedEvent | NotificationInProgress;

export class SendPasswordChangedNoticeOnUserPasswordChanged implements EventUseCase<typeof USER_PASSWORD_CHANGED, NotificationOutcome> {
  readonly eventType = USER_PASSWORD_CHANGED;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, this.eventType);
    const mail = passwordChangedEmail(user, message.occurredAt);
    return sendOnce(this.ledger, this.mailer, { to: user.email, ...mail, idempotencyKey: `password-changed-${message.id}`, traceId: message.trace?.traceId });
  }
}
