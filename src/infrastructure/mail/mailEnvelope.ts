import type Mail from "nodemailer/lib/mailer/index.js";
import type { MailMessage } from "../../application/ports/Mailer.js";

/** The same message-id for every copy of one notification, so a duplicate is recognisable as such. */
export function toMailOptions(message: MailMessage, from: string): Mail.Options {
  const idPart = message.idempotencyKey.replace(/[^A-Za-z0-9.-]/gu, ".");
  return { from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: `<${idPart}@bazaar.invalid>` };
}
