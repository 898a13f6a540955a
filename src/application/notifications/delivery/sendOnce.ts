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
  return sendOnceBuilt(ledger, mailer, mail.idempotencyKey, async () => mail);
}

/**
 * sendOnce for a mail that is built only once the claim is ours: a mail carrying a fresh emailed token must not issue
 * one for a redelivery that sends nothing (the new token would cancel the one already in the user's inbox).
 */
export async function sendOnceBuilt(ledger: SendLedger, mailer: Mailer, key: string, build: () => Promise<Omit<MailMessage, "idempotencyKey">>): Promise<NotificationOutcome> {
  const claim = await ledger.claim(key);
  if (claim === "already-sent") return "already-sent";
  if (claim === "in-progress") throw new NotificationInProgress(key);
  try {
    await mailer.send({ ...(await build()), idempotencyKey: key });
  } catch (error) {
    await ledger.release(key).catch(() => undefined);
    throw error;
  }
  await ledger.markSent(key);
  return "sent";
}
