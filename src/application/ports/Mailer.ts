export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Becomes the Message-ID, so a resent copy is recognisable as the same message. */
  idempotencyKey: string;
  /** The trace of the request that caused this mail, sent as a header so the mail can be followed back to it. */
  traceId?: string | undefined;
}

export interface Mailer {
  /** Resolves once the message is accepted for delivery; rejects on failure (after the adapter's own retries). */
  send(message: MailMessage): Promise<void>;
}
