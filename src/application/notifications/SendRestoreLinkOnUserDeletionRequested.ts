import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_DELETION_REQUESTED } from "../../domain/users/UserEvents.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import type { LinkIssuer } from "./delivery/issueLink.js";
import { readUserEvent } from "./delivery/readUserEvent.js";
import { sendOnceBuilt, type NotificationOutcome } from "./delivery/sendOnce.js";
import { UnsupportedEvent, type NotificationInProgress } from "./NotificationErrors.js";
import { deletionRequestedEmail } from "./templates/deletionRequestedEmail.js";

export type SendRestoreLinkOnUserDeletionRequestedError = UnsupportedEvent | NotificationInProgress;

/**
 * Mails the deletion notice with a restore link valid until the erasure is due. The token is issued only once this
 * delivery holds the send claim, so a redelivery of a notice already sent issues nothing (a new token would cancel
 * the link in the mail already sent).
 */
export class SendRestoreLinkOnUserDeletionRequested implements EventUseCase<typeof USER_DELETION_REQUESTED, NotificationOutcome> {
  readonly eventType = USER_DELETION_REQUESTED;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
    private readonly links: LinkIssuer,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, this.eventType);
    const eraseAfter = (message.data as { eraseAfter?: unknown }).eraseAfter;
    if (typeof eraseAfter !== "string" || Number.isNaN(Date.parse(eraseAfter)))
      throw new UnsupportedEvent(`The ${this.eventType} event ${message.id} lacks a valid eraseAfter`);
    return sendOnceBuilt(this.ledger, this.mailer, `deletion-requested-${message.id}`, async () => {
      const link = await this.links.issue({ purpose: "restore-account", userId: user.userId, email: user.email, expiresAt: new Date(eraseAfter) });
      return { to: user.email, ...deletionRequestedEmail(user, eraseAfter, link.url), traceId: message.trace?.traceId };
    });
  }
}
