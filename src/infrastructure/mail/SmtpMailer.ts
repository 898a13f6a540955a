import MailComposer from "nodemailer/lib/mail-composer/index.js";
import pRetry, { AbortError } from "p-retry";
import type { Mailer, MailMessage } from "../../application/ports/Mailer.js";
import type { Logger } from "../logging/logger.js";
import { toMailOptions } from "./mailEnvelope.js";
import { composeMime, isPlainAddress, parseSender, type Sender } from "./mimeMessage.js";
import { SmtpConnectionPool } from "./SmtpConnectionPool.js";

export interface SmtpOptions {
  url: string;
  from: string;
  timeoutMs: number;
  /** Immediate retries on transient failures; beyond them the event bus retries later with backoff. */
  retries: number;
  poolSize: number;
}

/** Over a pool of SMTP connections. 5xx replies are permanent: retrying them only repeats the refusal. */
export class SmtpMailer implements Mailer {
  readonly #pool: SmtpConnectionPool;
  readonly #sender: Sender;

  constructor(
    private readonly options: SmtpOptions,
    private readonly logger: Logger,
  ) {
    this.#pool = new SmtpConnectionPool({ url: options.url, size: options.poolSize, timeoutMs: options.timeoutMs });
    this.#sender = parseSender(options.from);
  }

  async send(message: MailMessage): Promise<void> {
    const raw = isPlainAddress(message.to) ? composeMime(message, this.#sender) : await composeWithNodemailer(message, this.options.from);
    const envelope = { from: this.#sender.address, to: [message.to] };
    const attempt = async () => {
      try {
        await this.#pool.send(envelope, raw);
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new AbortError(error instanceof Error ? error.message : String(error));
        throw error;
      }
    };
    // The first attempt outside p-retry: nearly every message goes through at once, and p-retry's set-up per call
    // (signals, timers) showed in the worker's profile.
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof AbortError || this.options.retries === 0) throw error instanceof AbortError ? (error.originalError ?? error) : error;
      this.logger.warn({ err: error instanceof Error ? error.message : String(error), attemptNumber: 1 }, "smtp send failed");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await pRetry(attempt, {
      retries: this.options.retries - 1,
      minTimeout: 100,
      maxTimeout: 1_000,
      onFailedAttempt: ({ error, attemptNumber }) => this.logger.warn({ err: error.message, attemptNumber: attemptNumber + 1 }, "smtp send failed"),
    });
  }

  close(): void {
    this.#pool.close();
  }
}

/** The rare address `composeMime` does not write itself (non-ASCII, SMTPUTF8): nodemailer's MailComposer does. */
function composeWithNodemailer(message: MailMessage, from: string): Promise<string> {
  return new Promise((resolve, reject) =>
    new MailComposer(toMailOptions(message, from)).compile().build((error, raw) => (error ? reject(error) : resolve(raw.toString("utf8")))),
  );
}
