export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Becomes the Message-ID, so a resent copy is recognisable as the same message. */
  idempotencyKey: string;
}

export interface Mailer {
  /** Resolves once the message is accepted for delivery; rejects on failure (after the adapter's own retries). */
  send(message: MailMessage): Promise<void>;
}
