import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_SIGNED_UP } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import { readUserEvent } from "./delivery/readUserEvent.js";
import { sendOnce, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { welcomeEmail } from "./templates/welcomeEmail.js";

export type SendWelcomeEmailOnUserSignedUpError = UnsupportedEvent | NotificationInProgress;

export class SendWelcomeEmailOnUserSignedUp implements EventUseCase<typeof USER_SIGNED_UP, NotificationOutcome> {
  readonly eventType = USER_SIGNED_UP;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, this.eventType);
    return sendOnce(this.ledger, this.mailer, { to: user.email, ...welcomeEmail(user), idempotencyKey: `welcome-${message.id}`, traceId: message.trace?.traceId });
  }
}
