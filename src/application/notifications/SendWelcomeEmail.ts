import type { EventMessage } from "../../domain/shared/EventMessage.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { readUserEvent } from "./readUserEvent.js";
import { sendOnce, type NotificationOutcome } from "./sendOnce.js";
import { welcomeEmail } from "./templates/welcomeEmail.js";

export type SendWelcomeEmailError = UnsupportedEvent | NotificationInProgress;

export class SendWelcomeEmail {
  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, "user:signup");
    return sendOnce(this.ledger, this.mailer, { to: user.email, ...welcomeEmail(user), idempotencyKey: `welcome-${message.id}` });
  }
}
