import type Mail from "nodemailer/lib/mailer/index.js";
import type { MailMessage } from "../../application/ports/Mailer.js";

export const TRACE_HEADER = "X-Bazaar-Trace-Id";
const TRACE_ID = /^[0-9a-f]{32}$/;

/** The same message-id for every copy of one notification, so a duplicate is recognisable as such. */
export function messageIdOf(message: MailMessage): string {
  return `<${message.idempotencyKey.replace(/[^A-Za-z0-9.-]/gu, ".")}@bazaar.invalid>`;
}

/** The trace id of the request that caused the mail (checked, since it came off the bus), to follow the mail back to it. */
export function traceHeaderOf(message: MailMessage): [string, string] | null {
  return message.traceId && TRACE_ID.test(message.traceId) ? [TRACE_HEADER, message.traceId] : null;
}

/** The message as nodemailer options: the .eml outbox, and the SMTP mailer's fallback for internationalised addresses. */
export function toMailOptions(message: MailMessage, from: string): Mail.Options {
  const trace = traceHeaderOf(message);
  return { from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: messageIdOf(message), ...(trace ? { headers: { [trace[0]]: trace[1] } } : {}) };
}
