import { connect, type Socket } from "node:net";
import pLimit, { type LimitFunction } from "p-limit";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import SMTPConnection from "nodemailer/lib/smtp-connection/index.js";

export interface PoolOptions {
  url: string;
  size: number;
  timeoutMs: number;
}

/**
 * Up to `size` SMTP connections (nodemailer's documented `SMTPConnection`), each sending one finished message at a time.
 * Why not nodemailer's own pool: it runs every message through MailComposer's streams and plugin hooks and writes the
 * body to the socket chunk by chunk, ~0.5 ms of CPU per message against ~0.15 ms here for the same SMTP dialogue
 * (docs/BENCHMARKS.md, section 3). What it did for us is kept: the URL's options (nodemailer's own parser, so `smtps://`,
 * credentials and query options mean the same), the three timeouts, TCP_NODELAY, and a connection that failed in any
 * way is closed and never reused (a half-finished transaction must not carry over into the next message). Connections
 * are opened on demand and dropped when the server closes them (idle timeout), so an idle worker holds none for long.
 */
export class SmtpConnectionPool {
  readonly #options: SMTPConnection.Options;
  readonly #idle: SMTPConnection[] = [];
  readonly #limit: LimitFunction;
  #closed = false;

  constructor(options: PoolOptions) {
    const parsed = parseConnectionUrl(options.url);
    this.#options = { ...parsed, connectionTimeout: options.timeoutMs, greetingTimeout: options.timeoutMs, socketTimeout: options.timeoutMs, logger: false };
    // At most `size` sends at once, and a send always holds its own connection: so at most `size` connections exist.
    this.#limit = pLimit(options.size);
  }

  /** Sends one finished message (CRLF line ends); rejects with nodemailer's error (`responseCode` set for SMTP replies). */
  send(envelope: SMTPConnection.Envelope, raw: string): Promise<void> {
    return this.#limit(async () => {
      const connection = this.#idle.pop() ?? (await this.#open());
      try {
        await step(connection, (done) => connection.send(envelope, raw, (error) => done(error)));
      } catch (error) {
        this.#discard(connection);
        throw error;
      }
      if (this.#closed || connection.destroyed) this.#discard(connection);
      else this.#idle.push(connection);
    });
  }

  close(): void {
    this.#closed = true;
    for (const c of this.#idle.splice(0)) c.quit();
  }

  async #open(): Promise<SMTPConnection> {
    const socket = await connectWithoutNagle(this.#options);
    const connection = new SMTPConnection({ ...this.#options, connection: socket });
    // The server may close an idle connection (timeout, restart): forget it, the next send opens a new one.
    const forget = () => this.#forget(connection);
    connection.on("end", forget);
    connection.on("error", forget);
    try {
      await step(connection, (done) => connection.connect(done));
      // Credentials come from the URL only (user:pass@), so they are a user and a password.
      const auth = this.#options.auth as SMTPConnection.Credentials | undefined;
      if (auth?.user)
        await step(connection, (done) => connection.login(auth, done));
    } catch (error) {
      this.#discard(connection);
      throw error;
    }
    return connection;
  }

  #discard(connection: SMTPConnection): void {
    this.#forget(connection);
    connection.close();
  }

  #forget(connection: SMTPConnection): void {
    const at = this.#idle.indexOf(connection);
    if (at >= 0) this.#idle.splice(at, 1);
  }
}

/**
 * One SMTPConnection call as a promise. Failures of the connection itself (timeouts, a dropped socket) are emitted as
 * events, not passed to the call's callback, so those settle it too; the listeners go once it is settled.
 */
function step(connection: SMTPConnection, call: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error | null) => {
      connection.off("error", settle);
      connection.off("end", ended);
      if (error) reject(error);
      else resolve();
    };
    const ended = () => settle(new Error("SMTP connection closed"));
    connection.once("error", settle);
    connection.once("end", ended);
    call(settle);
  });
}

/**
 * SMTP is a chatty request/response protocol: with Nagle's algorithm on, each small command waits for the previous
 * segment's delayed ACK (~40 ms on Linux). SMTPConnection upgrades this socket to TLS itself for smtps.
 */
function connectWithoutNagle(options: SMTPConnection.Options): Promise<Socket> {
  const timeoutMs = options.connectionTimeout ?? 10_000;
  // Nodemailer's own defaults when the URL names no port.
  const port = options.port ?? (options.secure ? 465 : 587);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.host ?? "localhost", port, noDelay: true, timeout: timeoutMs });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const timedOut = () => fail(new Error(`SMTP connect timed out after ${timeoutMs} ms`));
    socket.once("error", fail);
    socket.once("timeout", timedOut);
    socket.once("connect", () => {
      socket.off("error", fail);
      socket.off("timeout", timedOut);
      socket.setTimeout(0);
      resolve(socket);
    });
  });
}
