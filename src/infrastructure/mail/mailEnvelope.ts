import type Mail from "nodemailer/lib/mailer/index.js";
import type { MailMessage } from "../../application/ports/Mailer.js";

export const TRACE_HEADER = "X-Bazaar-Trace-Id";
const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * The same message-id for every copy of one notification, so a duplicate is recognisable as such; the trace id of
 * the request that caused it (checked, since it came off the bus) in a header, to follow the mail back to it.
 */
export function toMailOptions(message: MailMessage, from: string): Mail.Options {
  const idPart = message.idempotencyKey.replace(/[^A-Za-z0-9.-]/gu, ".");
  const trace = message.traceId && TRACE_ID.test(message.traceId) ? { headers: { [TRACE_HEADER]: message.traceId } } : {};
  return { from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: `<${idPart}@bazaar.invalid>`, ...trace };
}
