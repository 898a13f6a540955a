import { describe, expect, it } from "vitest";
import { NotificationInProgress, UnsupportedEvent } from "../../../../src/application/notifications/NotificationErrors.js";
import { SendWelcomeEmailOnUserSignedUp } from "../../../../src/application/notifications/SendWelcomeEmailOnUserSignedUp.js";
import { ledger, RecordingMailer, signup } from "../../../support/recordingMailer.js";

describe("SendWelcomeEmailOnUserSignedUp", () => {
  it("sends a welcome email to the new user with the name escaped in HTML and intact in text", async () => {
    const mailer = new RecordingMailer();
    await new SendWelcomeEmailOnUserSignedUp(mailer, ledger()).execute(signup(`<script>alert(1)</script>`));
    const [mail] = mailer.sent;
    expect(mail).toMatchObject({ to: "ada@example.com", subject: "Welcome to Bazaar" });
    expect(mail!.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(mail!.html).not.toContain("<script>");
    expect(mail!.text).toContain("Hello <script>alert(1)</script>,");
  });

  it("keeps a control character from forging lines in the plain-text part", async () => {
    const mailer = new RecordingMailer();
    await new SendWelcomeEmailOnUserSignedUp(mailer, ledger()).execute(signup("Ada\r\nBcc: everyone@example.com"));
    expect(mailer.sent[0]!.text).not.toMatch(/\nBcc:/u);
  });

  it("sends nothing the second time the same event arrives", async () => {
    const mailer = new RecordingMailer();
    const useCase = new SendWelcomeEmailOnUserSignedUp(mailer, ledger());
    const event = signup();
    expect(await useCase.execute(event)).toBe("sent");
    expect(await useCase.execute(structuredClone(event))).toBe("already-sent");
    expect(mailer.sent).toHaveLength(1);
  });

  it("releases its claim when the mailer fails, so the retry can send", async () => {
    const mailer = new RecordingMailer();
    mailer.failNext = 1;
    const useCase = new SendWelcomeEmailOnUserSignedUp(mailer, ledger());
    const event = signup();
    await expect(useCase.execute(event)).rejects.toThrow("421");
    expect(await useCase.execute(event)).toBe("sent");
    expect(mailer.sent).toHaveLength(1);
  });

  it("refuses to send while another worker holds the claim", async () => {
    const shared = ledger();
    const event = signup();
    await shared.sibling().claim(`welcome-${event.id}`);
    await expect(new SendWelcomeEmailOnUserSignedUp(new RecordingMailer(), shared).execute(event)).rejects.toBeInstanceOf(NotificationInProgress);
  });

  it.each([
    ["an unknown schema version", { ...signup(), schemaVersion: 2 }],
    ["another event type", { ...signup(), type: "user:deleted" }],
    ["data without an email", { ...signup(), data: { userId: "u1", firstName: "Ada" } }],
  ])("rejects %s as unsupported, sending nothing", async (_label, event) => {
    const mailer = new RecordingMailer();
    await expect(new SendWelcomeEmailOnUserSignedUp(mailer, ledger()).execute(event)).rejects.toBeInstanceOf(UnsupportedEvent);
    expect(mailer.sent).toEqual([]);
  });
});
