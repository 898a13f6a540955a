import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { USER_DELETION_REQUESTED } from "../../domain/users/UserEvents.js";
import type { EmailedTokens } from "../ports/EmailedTokens.js";
import type { Mailer } from "../ports/Mailer.js";
import type { SendLedger } from "../ports/SendLedger.js";
import type { EventUseCase } from "../shared/EventUseCase.js";
import { readUserEvent } from "./delivery/readUserEvent.js";
import type { NotificationOutcome } from "./delivery/sendOnce.js";
import { sendOnceWithToken } from "./delivery/sendOnceWithToken.js";
import { UnsupportedEvent, type NotificationInProgress } from "./NotificationErrors.js";
import { deletionRequestedEmail } from "./templates/deletionRequestedEmail.js";
import { emailLink } from "./templates/emailLink.js";

export type SendRestoreLinkOnUserDeletionRequestedError = UnsupportedEvent | NotificationInProgress;

/** The page behind this path (served for GET, link-scanner safe) posts the token to POST /account/restore. */
export const RESTORE_PATH = "/account/restore";

/** Mails the deletion notice with a restore link valid until the erasure is due; the token is made here, once. */
export class SendRestoreLinkOnUserDeletionRequested implements EventUseCase<typeof USER_DELETION_REQUESTED, NotificationOutcome> {
  readonly eventType = USER_DELETION_REQUESTED;

  constructor(
    private readonly mailer: Mailer,
    private readonly ledger: SendLedger,
    private readonly tokens: EmailedTokens,
    private readonly publicUrl: string,
  ) {}

  async execute(message: EventMessage): Promise<NotificationOutcome> {
    const user = readUserEvent(message, this.eventType);
    const eraseAfter = (message.data as { eraseAfter?: unknown }).eraseAfter;
    if (typeof eraseAfter !== "string" || Number.isNaN(Date.parse(eraseAfter)))
      throw new UnsupportedEvent(`The ${this.eventType} event ${message.id} lacks a valid eraseAfter`);
    const grant = { purpose: "restore-account" as const, userId: user.userId, email: user.email, expiresAt: new Date(eraseAfter) };
    return sendOnceWithToken(
      this.ledger,
      this.mailer,
      this.tokens,
      grant,
      { to: user.email, idempotencyKey: `deletion-requested-${message.id}`, traceId: message.trace?.traceId },
      (token) => deletionRequestedEmail(user, eraseAfter, emailLink(this.publicUrl, RESTORE_PATH, token)),
    );
  }
}
