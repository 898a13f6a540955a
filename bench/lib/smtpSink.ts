import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A minimal SMTP server on loopback that only notes when each recipient's message was fully received. */
export class ArrivalSink {
  readonly arrivals = new Map<string, number>();
  #server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: the package's bundled certificate has expired.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    disableReverseLookup: true,
    onData: (stream, session, callback) => {
      stream.resume();
      stream.on("end", () => {
        for (const rcpt of session.envelope.rcptTo) this.arrivals.set(rcpt.address.toLowerCase(), performance.now());
        callback();
      });
    },
  });

  async start(): Promise<string> {
    this.#server.on("error", () => undefined);
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", () => resolve()));
    return `smtp://127.0.0.1:${(this.#server.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
