import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_SIGNED_UP } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import type { LinkIssuer } from "./delivery/issueLink.js";
import { readUserEvent } from "./delivery/readUserEvent.js";
import { sendOnceBuilt, type NotificationOutcome } from "./delivery/sendOnce.js";
import type { NotificationInProgress, UnsupportedEvent } from "./NotificationErrors.js";
import { welcomeEmail } from "./templates/welcomeEmail.js";

export type SendWelcomeEmailOnUserSignedUpError = UnsupportedEvent | NotificationInProgress;

/** The welcome email also carries the first email-verification link: one email, not two. */
export class SendWelcomeEmailOnUserSignedUp implements EventUseCase<typeof USER_SIGNED_UP, NotificationOutcome> {
  readonly eventType = USER_SIGNED_UP;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
    /** Absent only where delivery alone is under test: the welcome then carries no verification link. */
    private readonly links?: LinkIssuer,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, this.eventType);
    return sendOnceBuilt(this.ledger, this.mailer, `welcome-${message.id}`, async () => {
      const verify = await this.links?.issue({ purpose: "verify-email", userId: user.userId, email: user.email });
      return { to: user.email, ...welcomeEmail(user, verify), traceId: message.trace?.traceId };
    });
  }
}
