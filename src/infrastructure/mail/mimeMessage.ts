import { randomBytes } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser/index.js";
import mimeFuncs from "nodemailer/lib/mime-funcs/index.js";
import type { MailMessage } from "../../application/ports/Mailer.js";
import { messageIdOf, traceHeaderOf } from "./mailEnvelope.js";

export interface Sender {
  /** The From header, encoded once. */
  header: string;
  /** The bare address, for SMTP's MAIL FROM. */
  address: string;
}

const BOUNDARY_PREFIX = randomBytes(9).toString("hex");
let boundaries = 0;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/u;
// A display name made only of these needs no quotes (RFC 5322 atext plus spaces).
const ATOM_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/u;

/** Parses MAIL_FROM once ("Bazaar <no-reply@bazaar.invalid>" or a bare address) into its header and its address. */
export function parseSender(from: string): Sender {
  const [first] = addressparser(from, { flatten: true });
  if (!first?.address) throw new Error(`MAIL_FROM has no address: ${from}`);
  return { header: formatAddress(first.name, first.address), address: first.address };
}

/** Whether `composeMime` can write this recipient as is: an ASCII address (internationalised ones go to nodemailer). */
export function isPlainAddress(address: string): boolean {
  return ASCII_PRINTABLE.test(address) && !/[\s<>,;"]/u.test(address);
}

/**
 * The whole message as one string, CRLF line ends, for `SMTPConnection.send`. The same fields as nodemailer's
 * MailComposer writes for `toMailOptions` (From, To, Subject, Message-ID, Date, the trace header, text and html as
 * multipart/alternative), built in one pass instead of through MailComposer's streams, which cost ~0.25 ms of CPU per
 * message (a third of the worker's time per email): see docs/BENCHMARKS.md, section 3.
 * Headers are encoded with nodemailer's own helpers (RFC 2047 words, folding); bodies that are ASCII with short lines
 * go as 7bit, others as base64 (native, and it never needs dot-stuffing or line-length care).
 */
export function composeMime(message: MailMessage, sender: Sender, date = new Date()): string {
  // "=_" never occurs in base64, and a 7bit body that contains the boundary goes as base64 (see `part`); so the boundary
  // needs to be unique, not unpredictable: a random prefix per process and a counter.
  const boundary = `=_bzr_${BOUNDARY_PREFIX}_${(boundaries++).toString(36)}`;
  const trace = traceHeaderOf(message);
  const headers = [
    `From: ${sender.header}`,
    `To: ${message.to}`,
    // A line break in a subject (a template that interpolates user text) must not start a header of its own.
    fold(`Subject: ${mimeFuncs.encodeWords(message.subject.replace(/\r\n|\r|\n/gu, " "), "Q", 52)}`),
    `Message-ID: ${messageIdOf(message)}`,
    `Date: ${date.toUTCString().replace(/GMT$/u, "+0000")}`,
    "MIME-Version: 1.0",
    ...(trace ? [`${trace[0]}: ${trace[1]}`] : []),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  return `${headers.join("\r\n")}\r\n\r\n${part(boundary, "text/plain", message.text)}${part(boundary, "text/html", message.html)}--${boundary}--\r\n`;
}

function part(boundary: string, type: string, body: string): string {
  const plain = ASCII_PRINTABLE_LINES.test(body) && !body.includes(boundary) && body.split("\n").every((l) => l.length <= 900);
  // The line break before a boundary belongs to the boundary, so a 7bit body always gets one more.
  const content = plain ? `${body.replace(/\r?\n/gu, "\r\n")}\r\n` : base64Lines(body);
  return `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: ${plain ? "7bit" : "base64"}\r\n\r\n${content}`;
}

// Printable ASCII, tabs and line breaks only (a lone CR, NUL or other control character goes as base64).
const ASCII_PRINTABLE_LINES = /^(?:[\t\x20-\x7e]|\r?\n)*$/u;

function base64Lines(body: string): string {
  const encoded = Buffer.from(body, "utf8").toString("base64");
  let out = "";
  for (let i = 0; i < encoded.length; i += 76) out += `${encoded.slice(i, i + 76)}\r\n`;
  return out;
}

function fold(header: string): string {
  return mimeFuncs.foldLines(header, 76).replace(/\r?\n/gu, "\r\n").replace(/\r\n$/u, "");
}

function formatAddress(name: string, address: string): string {
  if (!name) return address;
  if (!ASCII_PRINTABLE.test(name)) return `${mimeFuncs.encodeWord(name, "Q", 52)} <${address}>`;
  if (ATOM_PHRASE.test(name)) return `${name} <${address}>`;
  return `"${name.replace(/["\\]/gu, "\\$&")}" <${address}>`;
}
