import type { EmailedTokenGrant, EmailedTokens } from "../../ports/EmailedTokens.js";
import type { Mailer, MailMessage } from "../../ports/Mailer.js";
import type { SendLedger } from "../../ports/SendLedger.js";
import type { RenderedEmail } from "../templates/welcomeEmail.js";
import { sendOnce, type NotificationOutcome } from "./sendOnce.js";

/**
 * sendOnce for a mail that carries a fresh emailed token. The token is issued only once this delivery holds the
 * ledger's claim (sendOnce calls the mailer only then), so a redelivery of an event already sent issues nothing:
 * issuing cancels the user's older token of that purpose, which would kill the link in the mail already sent. The
 * raw token lives only in the mail; the event, the outbox and the stream never hold it. A delivery that fails after
 * issuing leaves a token nobody received; the retry issues another, which cancels it.
 */
export function sendOnceWithToken(
  ledger: SendLedger,
  mailer: Mailer,
  tokens: EmailedTokens,
  grant: EmailedTokenGrant,
  mail: Omit<MailMessage, keyof RenderedEmail>,
  render: (token: string) => RenderedEmail,
): Promise<NotificationOutcome> {
  const issuing: Mailer = { send: async (draft) => mailer.send({ ...draft, ...render(await tokens.issue(grant)) }) };
  return sendOnce(ledger, issuing, { ...mail, subject: "", text: "", html: "" });
}
