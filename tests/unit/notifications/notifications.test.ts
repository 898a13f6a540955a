import { describe, expect, it } from "vitest";
import { UnsupportedEvent, NotificationInProgress } from "../../../src/application/notifications/NotificationErrors.js";
import { SendPasswordChangedNotice } from "../../../src/application/notifications/SendPasswordChangedNotice.js";
import { SendWelcomeEmail } from "../../../src/application/notifications/SendWelcomeEmail.js";
import type { Mailer, MailMessage } from "../../../src/application/ports/Mailer.js";
import { InMemoryEventBus } from "../../../src/infrastructure/memory/InMemoryEventBus.js";
import { InMemorySendLedger } from "../../../src/infrastructure/memory/InMemorySendLedger.js";
import { SystemClock } from "../../../src/infrastructure/security/SystemClock.js";
import { startNotificationWorker } from "../../../src/interfaces/worker/notificationWorker.js";
import { eventMessage, FAST, silent } from "../../support/eventsKit.js";

class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  failNext = 0;
  async send(message: MailMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("421 try later");
    }
    this.sent.push(message);
  }
}

const ledger = () => new InMemorySendLedger(new SystemClock(), { claimMs: 60_000, sentTtlSeconds: 3600 });
const signup = (firstName = "Ada") => eventMessage("user:signup", { userId: "u1", email: "ada@example.com", firstName });

describe("SendWelcomeEmail", () => {
  it("sends a welcome email to the new user with the name escaped in HTML and intact in text", async () => {
    const mailer = new RecordingMailer();
    await new SendWelcomeEmail(mailer, ledger()).execute(signup(`<script>alert(1)</script>`));
    const [mail] = mailer.sent;
    expect(mail).toMatchObject({ to: "ada@example.com", subject: "Welcome to Bazaar" });
    expect(mail!.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(mail!.html).not.toContain("<script>");
    expect(mail!.text).toContain("Hello <script>alert(1)</script>,");
  });

  it("keeps a control character from forging lines in the plain-text part", async () => {
    const mailer = new RecordingMailer();
    await new SendWelcomeEmail(mailer, ledger()).execute(signup("Ada\r\nBcc: everyone@example.com"));
    expect(mailer.sent[0]!.text).not.toMatch(/\nBcc:/u);
  });

  it("sends nothing the second time the same event arrives", async () => {
    const mailer = new RecordingMailer();
    const useCase = new SendWelcomeEmail(mailer, ledger());
    const event = signup();
    expect(await useCase.execute(event)).toBe("sent");
    expect(await useCase.execute(structuredClone(event))).toBe("already-sent");
    expect(mailer.sent).toHaveLength(1);
  });

  it("releases its claim when the mailer fails, so the retry can send", async () => {
    const mailer = new RecordingMailer();
    mailer.failNext = 1;
    const useCase = new SendWelcomeEmail(mailer, ledger());
    const event = signup();
    await expect(useCase.execute(event)).rejects.toThrow("421");
    expect(await useCase.execute(event)).toBe("sent");
    expect(mailer.sent).toHaveLength(1);
  });

  it("refuses to send while another worker holds the claim", async () => {
    const shared = ledger();
    const event = signup();
    await shared.sibling().claim(`welcome-${event.id}`);
    await expect(new SendWelcomeEmail(new RecordingMailer(), shared).execute(event)).rejects.toBeInstanceOf(NotificationInProgress);
  });

  it.each([
    ["an unknown schema version", { ...signup(), schemaVersion: 2 }],
    ["another event type", { ...signup(), type: "user:deleted" }],
    ["data without an email", { ...signup(), data: { userId: "u1", firstName: "Ada" } }],
  ])("rejects %s as unsupported, sending nothing", async (_label, event) => {
    const mailer = new RecordingMailer();
    await expect(new SendWelcomeEmail(mailer, ledger()).execute(event)).rejects.toBeInstanceOf(UnsupportedEvent);
    expect(mailer.sent).toEqual([]);
  });
});

describe("SendPasswordChangedNotice", () => {
  it("warns the user, with the time of the change and the name escaped", async () => {
    const mailer = new RecordingMailer();
    const event = { ...eventMessage("user:password-changed", { userId: "u1", email: "ada@example.com", firstName: "A&B" }), occurredAt: "2026-03-04T05:06:07.000Z" };
    await new SendPasswordChangedNotice(mailer, ledger()).execute(event);
    expect(mailer.sent[0]).toMatchObject({ to: "ada@example.com", subject: "Your Bazaar password was changed" });
    expect(mailer.sent[0]!.html).toContain("Hello A&amp;B,");
    expect(mailer.sent[0]!.text).toContain("Wed, 04 Mar 2026 05:06:07 GMT");
  });
});

describe("Notification worker on the in-memory bus (the embedded default)", () => {
  it("emails once per event even when the bus delivers an event twice, and dead-letters what it cannot handle", async () => {
    const bus = new InMemoryEventBus({ retry: FAST.retry, maxLen: 100, concurrency: 4 });
    const mailer = new RecordingMailer();
    const l = ledger();
    const worker = await startNotificationWorker({ bus, sendWelcomeEmail: new SendWelcomeEmail(mailer, l), sendPasswordChangedNotice: new SendPasswordChangedNotice(mailer, l), logger: silent });
    const event = signup();
    await bus.publish("user:signup", event);
    await bus.publish("user:signup", event);
    await bus.publish("user:signup", { ...signup(), schemaVersion: 7 });
    await bus.drain();
    await worker.stop();
    expect(mailer.sent).toHaveLength(1);
    expect((await bus.list("user:signup", "notifications")).map((d) => d.reason)).toEqual(["Schema version 7 of user:signup is not supported"]);
  });
});
