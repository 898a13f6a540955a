import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_SIGNED_IN_FROM_NEW_DEVICE } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import { readNewSignInEvent } from "./delivery/readUserEvent.js";
import { sendOnce, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { newSignInEmail } from "./templates/newSignInEmail.js";

export type SendNewSignInNoticeOnUserSignedInFromNewDeviceError = UnsupportedEvent | NotificationInProgress;

export class SendNewSignInNoticeOnUserSignedInFromNewDevice implements EventUseCase<typeof USER_SIGNED_IN_FROM_NEW_DEVICE, NotificationOutcome> {
  readonly eventType = USER_SIGNED_IN_FROM_NEW_DEVICE;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const signIn = readNewSignInEvent(message);
    const mail = newSignInEmail(signIn, message.occurredAt);
    return sendOnce(this.ledger, this.mailer, { to: signIn.email, ...mail, idempotencyKey: `new-sign-in-${message.id}`, traceId: message.trace?.traceId });
  }
}
