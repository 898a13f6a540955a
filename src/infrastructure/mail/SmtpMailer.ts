import { connect, type Socket } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool/index.js";
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
    // Given an object with `url`, nodemailer.createTransport keeps only what the URL says (no pool, no timeouts);
    // SMTPPool merges the URL into the other options, so it is built directly.
    const pool = new SMTPPool({
      url: options.url,
      pool: true,
      maxConnections: options.poolSize,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      getSocket: connectWithoutNagle(options.timeoutMs),
    } as SMTPPool.Options);
    this.#transport = nodemailer.createTransport(pool);
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

type SocketCallback = (error: Error | null, socket?: { connection: Socket }) => void;

/**
 * SMTP is a chatty request/response protocol: with Nagle's algorithm on, each small command waits for the
 * previous segment's delayed ACK (~40 ms on Linux). Nodemailer upgrades this socket to TLS itself for smtps.
 */
function connectWithoutNagle(timeoutMs: number) {
  return (options: { host?: string; port?: number; secure?: boolean }, callback: SocketCallback): void => {
    // Nodemailer's own defaults when the URL names no port.
    const port = options.port ?? (options.secure ? 465 : 587);
    const socket = connect({ host: options.host ?? "localhost", port, noDelay: true, timeout: timeoutMs });
    const fail = (error: Error) => {
      socket.destroy();
      callback(error);
    };
    const timedOut = () => fail(new Error(`SMTP connect timed out after ${timeoutMs} ms`));
    socket.once("error", fail);
    socket.once("timeout", timedOut);
    socket.once("connect", () => {
      socket.off("error", fail);
      socket.off("timeout", timedOut);
      socket.setTimeout(0);
      callback(null, { connection: socket });
    });
  };
}
