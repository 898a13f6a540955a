import { simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { describe, expect, it } from "vitest";
import type { MailMessage } from "../../../../src/application/ports/Mailer.js";
import { toMailOptions } from "../../../../src/infrastructure/mail/mailEnvelope.js";
import { composeMime, isPlainAddress, parseSender } from "../../../../src/infrastructure/mail/mimeMessage.js";

const base: MailMessage = {
  to: "ada@example.com",
  subject: "Welcome to Bazaar",
  text: "Hello Ada,\n\nYour account is ready.\n",
  html: "<p>Hello Ada,</p>",
  idempotencyKey: "welcome-0b6f8c1e",
  traceId: "0123456789abcdef0123456789abcdef",
};
const FROM = "Bazaar <no-reply@bazaar.invalid>";

async function parsed(message: MailMessage, from = FROM) {
  return simpleParser(composeMime(message, parseSender(from)));
}

/** What nodemailer's MailComposer makes of the same message: the reference every field is compared with. */
async function reference(message: MailMessage, from = FROM) {
  const raw = await new Promise<Buffer>((resolve, reject) => new MailComposer(toMailOptions(message, from)).compile().build((e, b) => (e ? reject(e) : resolve(b))));
  return simpleParser(raw);
}

describe("composeMime", () => {
  const cases: [string, Partial<MailMessage>, string?][] = [
    ["a plain ASCII welcome", {}],
    ["non-ASCII names and emoji in every part", { subject: "Willkommen, Zoë 😀 — ваш аккаунт", text: "Hallo Zoë 😀,\nÇa va?\n", html: "<p>Hallo Zoë 😀</p>" }],
    ["a subject long enough to fold, half non-ASCII", { subject: `${"Sicherheitshinweis für Ihr Konto ".repeat(4)}ünd mehr` }],
    ["lines that start with a dot and a lone dot line (SMTP dot-stuffing)", { text: ".hidden\n.\n..two\nend", html: ".<p>x</p>\n." }],
    ["a line longer than SMTP allows", { text: "x".repeat(2_000), html: `<p>${"y".repeat(1_500)}</p>` }],
    ["CRLF and CR in bodies", { text: "a\r\nb\rc\n", html: "<p>a</p>\r\n" }],
    ["no trace id", { traceId: undefined }],
    ["a trace id that is not one", { traceId: "../../etc" }],
    ["a display name that needs quotes", {}, '"Bazaar, Inc. \\"Ops\\"" <no-reply@bazaar.invalid>'],
    ["a non-ASCII display name", {}, "Bäzaar Größe <no-reply@bazaar.invalid>"],
    ["a bare sender address", {}, "no-reply@bazaar.invalid"],
  ];

  it.each(cases)("reads back as nodemailer's message does: %s", async (_name, over, from = FROM) => {
    const message = { ...base, ...over };
    const [ours, theirs] = await Promise.all([parsed(message, from), reference(message, from)]);
    expect(ours.subject).toBe(theirs.subject);
    expect(ours.subject).toBe(message.subject);
    expect(ours.text).toBe(theirs.text);
    expect(ours.html).toBe(theirs.html);
    expect(ours.messageId).toBe(theirs.messageId);
    expect(ours.from?.value).toEqual(theirs.from?.value);
    expect(ours.to).toEqual(theirs.to);
    expect(ours.headers.get("x-bazaar-trace-id")).toBe(theirs.headers.get("x-bazaar-trace-id"));
    expect(ours.date?.getTime()).toBeGreaterThan(0);
  });

  it("writes CRLF line ends only and no line longer than 998 octets", () => {
    const raw = composeMime({ ...base, text: "x".repeat(5_000), subject: "ü".repeat(300) }, parseSender(FROM));
    expect(raw.replace(/\r\n/gu, "")).not.toMatch(/[\r\n]/u);
    for (const line of raw.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
  });

  it("keeps a line break in a subject from starting a header of its own", async () => {
    const mail = await parsed({ ...base, subject: "Hi\r\nBcc: victim@example.com\nX-Evil: 1" });
    expect(mail.subject).toBe("Hi Bcc: victim@example.com X-Evil: 1");
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has("x-evil")).toBe(false);
  });

  it("sends only ASCII addresses itself", () => {
    expect(isPlainAddress("ada@example.com")).toBe(true);
    expect(isPlainAddress("zoë@example.com")).toBe(false);
    expect(isPlainAddress("a@b.c, evil@x.y")).toBe(false);
  });

  it("refuses a MAIL_FROM without an address", () => {
    expect(() => parseSender("Bazaar")).toThrow(/no address/u);
  });
});
