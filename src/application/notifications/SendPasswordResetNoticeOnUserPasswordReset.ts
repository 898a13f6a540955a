import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_PASSWORD_RESET } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import { readUserEvent } from "./delivery/readUserEvent.js";
import { sendOnce, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { passwordResetDoneEmail } from "./templates/passwordResetDoneEmail.js";

export type SendPasswordResetNoticeOnUserPasswordResetError = UnsupportedEvent | NotificationInProgress;

export class SendPasswordResetNoticeOnUserPasswordReset implements EventUseCase<typeof USER_PASSWORD_RESET, NotificationOutcome> {
  readonly eventType = USER_PASSWORD_RESET;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, this.eventType);
    const mail = passwordResetDoneEmail(user, message.occurredAt);
    return sendOnce(this.ledger, this.mailer, { to: user.email, ...mail, idempotencyKey: `password-reset-done-${message.id}`, traceId: message.trace?.traceId });
  }
}
