import { describe, expect, it } from "vitest";
import { LinkIssuer } from "../../../../src/application/notifications/delivery/issueLink.js";
import { UnsupportedEvent } from "../../../../src/application/notifications/NotificationErrors.js";
import { SendEmailChangeConfirmationOnUserEmailChangeRequested } from "../../../../src/application/notifications/SendEmailChangeConfirmationOnUserEmailChangeRequested.js";
import { SendEmailChangedNoticeOnUserEmailChanged } from "../../../../src/application/notifications/SendEmailChangedNoticeOnUserEmailChanged.js";
import { SendPasswordResetEmailOnUserPasswordResetRequested } from "../../../../src/application/notifications/SendPasswordResetEmailOnUserPasswordResetRequested.js";
import { SendPasswordResetNoticeOnUserPasswordReset } from "../../../../src/application/notifications/SendPasswordResetNoticeOnUserPasswordReset.js";
import { SendVerificationEmailOnUserEmailVerificationRequested } from "../../../../src/application/notifications/SendVerificationEmailOnUserEmailVerificationRequested.js";
import { SendWelcomeEmailOnUserSignedUp } from "../../../../src/application/notifications/SendWelcomeEmailOnUserSignedUp.js";
import { InMemoryEmailedTokens } from "../../../../src/infrastructure/memory/InMemoryEmailedTokens.js";
import { KIT_RECOVERY, TestClock } from "../../../support/accountsKit.js";
import { eventMessage } from "../../../support/eventsKit.js";
import { ledger, RecordingMailer } from "../../../support/recordingMailer.js";

const HOSTILE = `<img src=x onerror=alert(1)>`;
const user = { userId: "u1", email: "ada@example.com", firstName: HOSTILE };

function setup() {
  const clock = new TestClock();
  const tokens = new InMemoryEmailedTokens(clock);
  const links = new LinkIssuer(tokens, clock, KIT_RECOVERY.links);
  return { clock, tokens, links, mailer: new RecordingMailer(), ledger: ledger() };
}

const tokenOf = (text: string, path: string) => new RegExp(`https://bazaar\\.test${path}\\?token=([\\w-]+)`).exec(text)?.[1] ?? null;

describe("recovery notifications", () => {
  it("the welcome email carries a working verification link; a redelivery issues no new token", async () => {
    const s = setup();
    const handler = new SendWelcomeEmailOnUserSignedUp(s.mailer, s.ledger, s.links);
    const event = eventMessage("user:signup", user);
    expect(await handler.execute(event)).toBe("sent");
    expect(await handler.execute(event)).toBe("already-sent");
    const token = tokenOf(s.mailer.sent[0]!.text, "/email/verify");
    expect(await s.tokens.consume("verify-email", token!)).toMatchObject({ userId: "u1", email: "ada@example.com" });
  });

  it.each([
    ["verification", () => new SendVerificationEmailOnUserEmailVerificationRequested(...deps()), "user:email-verification-requested", user, "/email/verify", "verify-email", "ada@example.com"],
    ["password reset", () => new SendPasswordResetEmailOnUserPasswordResetRequested(...deps()), "user:password-reset-requested", user, "/password/reset", "reset-password", "ada@example.com"],
    ["email-change confirmation", () => new SendEmailChangeConfirmationOnUserEmailChangeRequested(...deps()), "user:email-change-requested", { ...user, newEmail: "new@example.com" }, "/email/change/confirm", "confirm-email-change", "new@example.com"],
    ["old-address notice with undo", () => new SendEmailChangedNoticeOnUserEmailChanged(...deps()), "user:email-changed", { ...user, email: "new@example.com", previousEmail: "ada@example.com" }, "/email/change/undo", "undo-email-change", "ada@example.com"],
  ] as const)("%s: sent once to the right address, with a link whose token works for its purpose only, every value escaped", async (_label, make, type, data, path, purpose, to) => {
    current = setup();
    const handler = make();
    const event = eventMessage(type, data);
    expect(await handler.execute(event)).toBe("sent");
    expect(await handler.execute(event)).toBe("already-sent");
    expect(current.mailer.sent).toHaveLength(1);
    const mail = current.mailer.sent[0]!;
    expect(mail.to).toBe(to);
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const token = tokenOf(mail.text, path);
    expect(token).not.toBeNull();
    expect(mail.html).toContain(`https://bazaar.test${path}?token=${token}`);
    expect(await current.tokens.consume(purpose === "verify-email" ? "reset-password" : "verify-email", token!)).toBeNull();
    expect(await current.tokens.consume(purpose, token!)).toMatchObject({ userId: "u1", email: to });
  });

  it("a forgotten-password event without an account sends nothing", async () => {
    const s = setup();
    const handler = new SendPasswordResetEmailOnUserPasswordResetRequested(s.mailer, s.ledger, s.links);
    expect(await handler.execute(eventMessage("user:password-reset-requested", { userId: null }))).toBe("no-account");
    expect(s.mailer.sent).toEqual([]);
  });

  it("the reset-done notice has no link; an event lacking its extra field is unsupported", async () => {
    const s = setup();
    await new SendPasswordResetNoticeOnUserPasswordReset(s.mailer, s.ledger).execute(eventMessage("user:password-reset", user));
    expect(s.mailer.sent[0]).toMatchObject({ to: "ada@example.com", subject: "Your Bazaar password was reset" });
    expect(s.mailer.sent[0]!.text).not.toContain("token=");
    await expect(new SendEmailChangedNoticeOnUserEmailChanged(s.mailer, s.ledger, s.links).execute(eventMessage("user:email-changed", user))).rejects.toBeInstanceOf(UnsupportedEvent);
  });
});

let current = setup();
const deps = () => [current.mailer, current.ledger, current.links] as const;

describe("LinkIssuer", () => {
  it("builds <base><path>?token=<token> for any purpose; a purpose without a configured lifetime needs its end passed", async () => {
    const s = setup();
    await expect(s.links.issue({ purpose: "restore-account", userId: "u1", email: "ada@example.com" })).rejects.toThrow(/expiresAt/);
    const end = new Date(s.clock.now().getTime() + 60_000);
    const { url, expiresAt } = await s.links.issue({ purpose: "restore-account", userId: "u1", email: "ada@example.com", expiresAt: end });
    expect(url).toMatch(/^https:\/\/bazaar\.test\/account\/restore\?token=[\w-]{43}$/);
    expect(expiresAt).toEqual(new Date(s.clock.now().getTime() + 60_000));
    expect(await s.tokens.consume("restore-account", url.split("token=")[1]!)).toMatchObject({ userId: "u1" });
  });
});
