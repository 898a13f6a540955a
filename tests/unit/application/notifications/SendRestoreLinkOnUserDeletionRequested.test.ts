import { describe, expect, it } from "vitest";
import { NotificationInProgress } from "../../../../src/application/notifications/NotificationErrors.js";
import { SendRestoreLinkOnUserDeletionRequested } from "../../../../src/application/notifications/SendRestoreLinkOnUserDeletionRequested.js";
import { LinkIssuer } from "../../../../src/application/notifications/delivery/issueLink.js";
import { InMemoryEmailedTokens } from "../../../../src/infrastructure/memory/InMemoryEmailedTokens.js";
import { TestClock } from "../../../support/accountsKit.js";
import { eventMessage } from "../../../support/eventsKit.js";
import { ledger, RecordingMailer } from "../../../support/recordingMailer.js";

const eraseAfter = "2026-01-15T00:00:00.000Z";
const requested = (firstName = "Ada") =>
  eventMessage("user:deletion-requested", { userId: "u1", email: "ada@example.com", firstName, eraseAfter });

const linksOver = (tokens: InMemoryEmailedTokens, clock: TestClock) =>
  new LinkIssuer(tokens, clock, { base: "https://bazaar.example", lifetimesMs: { "verify-email": 1, "reset-password": 1, "confirm-email-change": 1, "undo-email-change": 1 } });

function setup() {
  const mailer = new RecordingMailer();
  const clock = new TestClock();
  const tokens = new InMemoryEmailedTokens(clock);
  const links = linksOver(tokens, clock);
  const handler = new SendRestoreLinkOnUserDeletionRequested(mailer, ledger(), links);
  const linkToken = (i = 0) => {
    const match = /https:\/\/bazaar\.example\/account\/restore\?token=([A-Za-z0-9_-]+)/u.exec(mailer.sent[i]!.text);
    return match![1]!;
  };
  return { mailer, tokens, links, handler, linkToken };
}

describe("SendRestoreLinkOnUserDeletionRequested", () => {
  it("mails the notice with a restore link whose token restores this account until the erasure is due", async () => {
    const { mailer, tokens, handler, linkToken } = setup();
    expect(await handler.execute(requested())).toBe("sent");
    expect(mailer.sent[0]).toMatchObject({ to: "ada@example.com", subject: "Your Bazaar account is scheduled for deletion" });
    expect(mailer.sent[0]!.text).toContain("Thu, 15 Jan 2026 00:00:00 GMT");
    expect(mailer.sent[0]!.html).toContain(`href="https://bazaar.example/account/restore?token=${linkToken()}"`);
    expect(await tokens.consume("restore-account", linkToken())).toMatchObject({ userId: "u1", email: "ada@example.com", expiresAt: new Date(eraseAfter) });
  });

  it("escapes the name in the HTML part", async () => {
    const { mailer, handler } = setup();
    await handler.execute(requested("<b>A&B</b>"));
    expect(mailer.sent[0]!.html).toContain("Hello &lt;b&gt;A&amp;B&lt;/b&gt;,");
  });

  it("issues the token once: a redelivered event sends nothing and leaves the mailed link working", async () => {
    const { mailer, tokens, handler, linkToken } = setup();
    const event = requested();
    await handler.execute(event);
    expect(await handler.execute(event)).toBe("already-sent");
    expect(mailer.sent).toHaveLength(1);
    expect(await tokens.consume("restore-account", linkToken())).not.toBeNull();
  });

  it("issues nothing while another worker holds the claim", async () => {
    const { mailer, tokens, links } = setup();
    const event = requested();
    const l = ledger();
    const racing = new SendRestoreLinkOnUserDeletionRequested(mailer, l, links);
    await l.claim(`deletion-requested-${event.id}`);
    let issued = 0;
    const issue = tokens.issue.bind(tokens);
    tokens.issue = async (g) => (issued++, issue(g));
    await expect(racing.execute(event)).rejects.toBeInstanceOf(NotificationInProgress);
    expect(issued).toBe(0);
    expect(mailer.sent).toHaveLength(0);
  });

  it("after a failed send, the retry's link is the one that works", async () => {
    const { mailer, tokens, handler, linkToken } = setup();
    mailer.failNext = 1;
    const event = requested();
    await expect(handler.execute(event)).rejects.toThrow();
    expect(await handler.execute(event)).toBe("sent");
    expect(await tokens.consume("restore-account", linkToken())).not.toBeNull();
  });

  it("dead-letters an event without a valid eraseAfter", async () => {
    const { handler } = setup();
    const bad = eventMessage("user:deletion-requested", { userId: "u1", email: "ada@example.com", firstName: "Ada" });
    await expect(handler.execute(bad)).rejects.toMatchObject({ code: "UNSUPPORTED_EVENT" });
  });
});
