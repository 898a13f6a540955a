import net from "node:net";
import nodemailer from "nodemailer";
import { pino } from "pino";
import type { Mailer, MailMessage } from "../src/application/ports/Mailer.js";
import { SmtpMailer } from "../src/infrastructure/mail/SmtpMailer.js";
import { toMailOptions } from "../src/infrastructure/mail/mailEnvelope.js";
import { fmt, median, table } from "./lib/load.js";
import { describeMachine } from "./lib/machine.js";
import { ArrivalSink } from "./lib/smtpSink.js";

/**
 * Where the event pipeline's time goes: Bazaar's SmtpMailer side by side with two nodemailer set-ups,
 * against the same SMTP server on loopback. Sequential latency per message, then throughput with 8 in flight.
 */
const SEQUENTIAL = 20;
const PARALLEL = 200;
const FROM = "Bazaar <no-reply@bazaar.invalid>";

const sink = new ArrivalSink();
const url = await sink.start();
const { hostname: host, port } = new URL(url);

const transport = (options: object): Mailer & { close(): void } => {
  const t = nodemailer.createTransport(options);
  return { send: async (m: MailMessage) => void (await t.sendMail(toMailOptions(m, FROM))), close: () => t.close() };
};
// Nagle's algorithm holds back nodemailer's small trailing writes until the server's delayed ACK (~40 ms on Linux).
const noDelaySocket = (o: { host: string; port: number }, cb: (e: Error | null, s?: { connection: net.Socket }) => void) => {
  const socket = net.connect({ host: o.host, port: o.port, noDelay: true });
  socket.once("connect", () => cb(null, { connection: socket }));
  socket.once("error", (e) => cb(e));
};
const candidates: [string, () => Mailer & { close(): void }][] = [
  ["Bazaar SmtpMailer (as configured)", () => new SmtpMailer({ url, from: FROM, timeoutMs: 10_000, retries: 0, poolSize: 5 }, pino({ level: "silent" }))],
  ["nodemailer pool, host/port options", () => transport({ host, port: Number(port), pool: true, maxConnections: 5 })],
  ["nodemailer pool + TCP_NODELAY socket", () => transport({ host, port: Number(port), pool: true, maxConnections: 5, getSocket: noDelaySocket })],
];

const rows: (string | number)[][] = [];
let baseline = 0;
for (const [label, make] of candidates) {
  const mailer = make();
  let n = 0;
  const message = (): MailMessage => ({ to: `r${n}@example.com`, subject: "Welcome", text: "Hello", html: "<p>Hello</p>", idempotencyKey: `bench-${n++}` });
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now();
    await mailer.send(message());
    times.push(performance.now() - started);
  }
  const started = performance.now();
  let left = PARALLEL;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (left-- > 0) await mailer.send(message());
  }));
  const perSecond = PARALLEL / ((performance.now() - started) / 1000);
  baseline ||= perSecond;
  rows.push([label, fmt(median(times), 1), fmt(perSecond), fmt(perSecond / baseline, 1)]);
  mailer.close();
}
await sink.stop();

console.log(`## SMTP transport\n\n${describeMachine()}\n`);
console.log(`${SEQUENTIAL} messages one after another (median latency), then ${PARALLEL} with 8 in flight, to an smtp-server sink on loopback.\n`);
console.log(table(["transport", "ms per message, sequential", "messages/s, 8 in flight", "× Bazaar's"], rows));
console.log("");
