import { describe, expect, it } from "vitest";
import { SendPasswordChangedNoticeOnUserPasswordChanged } from "../../../../src/application/notifications/SendPasswordChangedNoticeOnUserPasswordChanged.js";
import { eventMessage } from "../../../support/eventsKit.js";
import { ledger, RecordingMailer } from "../../../support/recordingMailer.js";

describe("SendPasswordChangedNoticeOnUserPasswordChanged", () => {
  it("warns the user, with the time of the change and the name escaped", async () => {
    const mailer = new RecordingMailer();
    const event = { ...eventMessage("user:password-changed", { userId: "u1", email: "ada@example.com", firstName: "A&B" }), occurredAt: "2026-03-04T05:06:07.000Z" };
    await new SendPasswordChangedNoticeOnUserPasswordChanged(mailer, ledger()).execute(event);
    expect(mailer.sent[0]).toMatchObject({ to: "ada@example.com", subject: "Your Bazaar password was changed" });
    expect(mailer.sent[0]!.html).toContain("Hello A&amp;B,");
    expect(mailer.sent[0]!.text).toContain("Wed, 04 Mar 2026 05:06:07 GMT");
  });
});
