import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { describe, expect, it, onTestFinished } from "vitest";
import { createLogger } from "../../../src/infrastructure/logging/logger.js";
import { SmtpMailer } from "../../../src/infrastructure/mail/SmtpMailer.js";
import { SmtpSink } from "../../support/smtpSink.js";

const message = (i: number) => ({ to: `user${i}@example.com`, subject: `Hello ${i}`, text: "hi", html: "<p>hi</p>", idempotencyKey: `key-${i}` });
const mailer = (url: string, over: Partial<ConstructorParameters<typeof SmtpMailer>[0]> = {}) => {
  const m = new SmtpMailer({ url, from: "Bazaar <no-reply@bazaar.test>", timeoutMs: 2_000, retries: 0, poolSize: 4, ...over }, createLogger("silent"));
  onTestFinished(() => m.close());
  return m;
};

/** A real smtp-server on a free port (no STARTTLS: its built-in certificate has expired), closed after the test. */
async function smtpServer(options: ConstructorParameters<typeof SMTPServer>[0]): Promise<string> {
  const server = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], logger: false, ...options });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}

/** A server that refuses every recipient with `responseCode`, counting the attempts. */
async function refusingServer(responseCode: number, text: string) {
  const refusals = { attempts: 0 };
  const url = await smtpServer({
    onRcptTo: (_address, _session, callback) => {
      refusals.attempts++;
      callback(Object.assign(new Error(text), { responseCode }));
    },
  });
  return { url, refusals };
}

describe("SmtpMailer against a real SMTP server", () => {
  it("delivers over a pool of connections and reuses them", async () => {
    const sink = await new SmtpSink().start();
    onTestFinished(() => sink.stop());
    const m = mailer(sink.url);
    await Promise.all(Array.from({ length: 40 }, (_, i) => m.send(message(i))));
    expect(sink.received).toHaveLength(40);
    expect(sink.to("user7@example.com")[0]?.subject).toBe("Hello 7");
  });

  it("delivers lines that are SMTP's own terminator intact (dot-stuffing) and non-ASCII text", async () => {
    const sink = await new SmtpSink().start();
    onTestFinished(() => sink.stop());
    const text = "first\n.\n..two dots\n.trailing\nZoë 😀";
    await mailer(sink.url).send({ ...message(1), subject: "Grüße, Zoë", text, html: "<p>.</p>\n.\n" });
    const [mail] = sink.to("user1@example.com");
    expect(mail?.subject).toBe("Grüße, Zoë");
    expect(mail?.text).toBe(text);
    expect(mail?.html).toBe("<p>.</p>\n.\n");
  });

  it("gives up on a server that never greets within the configured timeout", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => void sockets.push(s)).listen(0, "127.0.0.1");
    await once(silent, "listening");
    onTestFinished(() => {
      for (const s of sockets) s.destroy();
      silent.close();
    });
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    await expect(mailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 300 }).send(message(1))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("replaces a connection the server closed while it was idle, and the message still goes out once", async () => {
    const received: string[] = [];
    const url = await smtpServer({
      socketTimeout: 200, // closes idle connections quickly, like a mail server's idle timeout
      onData: (stream, session, callback) => {
        stream.resume();
        stream.on("end", () => {
          received.push(session.envelope.rcptTo[0]!.address);
          callback();
        });
      },
    });
    const m = mailer(url, { retries: 0 });
    await m.send(message(1));
    await new Promise((r) => setTimeout(r, 600));
    await m.send(message(2));
    expect(received).toEqual(["user1@example.com", "user2@example.com"]);
  });

  it("does not retry a permanent (5xx) refusal", async () => {
    const { url, refusals } = await refusingServer(550, "No such user");
    const m = mailer(url, { retries: 3 });
    await expect(m.send(message(1))).rejects.toThrow(/No such user/u);
    expect(refusals.attempts).toBe(1);
  });

  it("retries a temporary (4xx) refusal up to the configured count", async () => {
    const { url, refusals } = await refusingServer(451, "Try later");
    const m = mailer(url, { retries: 2 });
    await expect(m.send(message(1))).rejects.toThrow(/Try later/u);
    expect(refusals.attempts).toBe(3);
  });
});
