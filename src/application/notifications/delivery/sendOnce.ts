import type { Mailer, MailMessage } from "../../ports/Mailer.js";
import type { SendLedger } from "../../ports/SendLedger.js";
import { NotificationInProgress } from "../NotificationErrors.js";

export type NotificationOutcome = "sent" | "already-sent";

/**
 * Claim, send, mark sent. A redelivery after "sent" sends nothing. A worker that dies after the mail server accepted
 * the message but before marking it sent leaves a claim that expires: the redelivery then sends a second copy
 * (same Message-ID). We accept that narrow window because a missing security notice is worse than a repeated one.
 */
export async function sendOnce(ledger: SendLedger, mailer: Mailer, mail: MailMessage): Promise<NotificationOutcome> {
  const claim = await ledger.claim(mail.idempotencyKey);
  if (claim === "already-sent") return "already-sent";
  if (claim === "in-progress") throw new NotificationInProgress(mail.idempotencyKey);
  try {
    await mailer.send(mail);
  } catch (error) {
    await ledger.release(mail.idempotencyKey).catch(() => undefined);
    throw error;
  }
  await ledger.markSent(mail.idempotencyKey);
  return "sent";
}
