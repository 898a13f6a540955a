import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SinkMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/**
 * A real SMTP server on loopback (smtp-server) that parses what arrives with mailparser.
 * `refusing` makes it answer 451 (a temporary failure) to every recipient until switched off.
 */
export class SmtpSink {
  readonly received: SinkMail[] = [];
  refusing = false;
  refusals = 0;
  /** Milliseconds to sit on each message before accepting it, like a slow mail server. */
  delayMs = 0;
  /** Called after a message is accepted (250 sent): tests use it to kill a worker at a precise moment. */
  onAccepted: ((mail: SinkMail) => void) | null = null;
  #server: SMTPServer;
  #port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      // The package's bundled certificate has expired: plain SMTP on loopback.
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (!this.refusing) return callback();
        this.refusals++;
        const error = Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 });
        callback(error);
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          async (parsed) => {
            if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
            const mail = toSinkMail(parsed);
            this.received.push(mail);
            callback();
            this.onAccepted?.(mail);
          },
          (error: Error) => callback(error),
        );
      },
    });
    this.#server.on("error", () => undefined);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", () => resolve()));
    this.#port = (this.#server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.#port}`;
  }

  to(address: string): SinkMail[] {
    return this.received.filter((m) => m.to === address);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function toSinkMail(parsed: ParsedMail): SinkMail {
  const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
  return {
    to: to?.value[0]?.address ?? "",
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    messageId: parsed.messageId ?? "",
  };
}

/** Polls until `condition` holds or the timeout passes; returns whether it held. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return condition();
}
