import { describe, expect, it } from "vitest";
import { UnsupportedEvent } from "../../../../src/application/notifications/NotificationErrors.js";
import { SendNewSignInNoticeOnUserSignedInFromNewDevice } from "../../../../src/application/notifications/SendNewSignInNoticeOnUserSignedInFromNewDevice.js";
import { eventMessage } from "../../../support/eventsKit.js";
import { ledger, RecordingMailer } from "../../../support/recordingMailer.js";

const data = {
  userId: "u1",
  email: "ada@example.com",
  firstName: "<b>Ada</b>",
  sessionId: "s1",
  userAgent: `Mozilla/5.0 <script>alert("x")</script> & co`,
  ip: "203.0.113.7",
};

describe("SendNewSignInNoticeOnUserSignedInFromNewDevice", () => {
  it("tells the user when, from which browser and IP, with every value escaped in HTML and printable in text", async () => {
    const mailer = new RecordingMailer();
    const event = { ...eventMessage("user:new-sign-in", data), occurredAt: "2026-03-04T05:06:07.000Z" };
    expect(await new SendNewSignInNoticeOnUserSignedInFromNewDevice(mailer, ledger()).execute(event)).toBe("sent");
    const mail = mailer.sent[0]!;
    expect(mail).toMatchObject({ to: "ada@example.com", subject: "New sign-in to your Bazaar account" });
    expect(mail.html).toContain("Hello &lt;b&gt;Ada&lt;/b&gt;,");
    expect(mail.html).toContain("Mozilla/5.0 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).toContain("Wed, 04 Mar 2026 05:06:07 GMT");
    expect(mail.text).toContain("at IP 203.0.113.7");
  });

  it("sends once for one event, however often it is delivered", async () => {
    const mailer = new RecordingMailer();
    const handler = new SendNewSignInNoticeOnUserSignedInFromNewDevice(mailer, ledger());
    const event = eventMessage("user:new-sign-in", data);
    await handler.execute(event);
    expect(await handler.execute(event)).toBe("already-sent");
    expect(mailer.sent).toHaveLength(1);
  });

  it("refuses an event without the browser or IP", async () => {
    const mailer = new RecordingMailer();
    const event = eventMessage("user:new-sign-in", { ...data, ip: undefined });
    await expect(new SendNewSignInNoticeOnUserSignedInFromNewDevice(mailer, ledger()).execute(event)).rejects.toBeInstanceOf(UnsupportedEvent);
    expect(mailer.sent).toEqual([]);
  });
});
