import nodemailer, { type Transporter } from "nodemailer";
import pRetry, { AbortError } from "p-retry";
import type { Mailer, MailMessage } from "../../application/ports/Mailer.js";
import type { Logger } from "../logging/logger.js";
import { toMailOptions } from "./mailEnvelope.js";

export interface SmtpOptions {
  url: string;
  from: string;
  timeoutMs: number;
  /** Immediate retries on transient failures; beyond them the event bus retries later with backoff. */
  retries: number;
  poolSize: number;
}

/** Nodemailer over a pool of SMTP connections. 5xx replies are permanent: retrying them only repeats the refusal. */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;

  constructor(
    private readonly options: SmtpOptions,
    private readonly logger: Logger,
  ) {
    this.#transport = nodemailer.createTransport({
      url: options.url,
      pool: true,
      maxConnections: options.poolSize,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
  }

  async send(message: MailMessage): Promise<void> {
    const mail = toMailOptions(message, this.options.from);
    await pRetry(
      async () => {
        try {
          await this.#transport.sendMail(mail);
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          if (code !== undefined && code >= 500) throw new AbortError(error instanceof Error ? error.message : String(error));
          throw error;
        }
      },
      {
        retries: this.options.retries,
        minTimeout: 100,
        maxTimeout: 1_000,
        onFailedAttempt: ({ error, attemptNumber }) => this.logger.warn({ err: error.message, attemptNumber }, "smtp send failed"),
      },
    );
  }

  close(): void {
    this.#transport.close();
  }
}
