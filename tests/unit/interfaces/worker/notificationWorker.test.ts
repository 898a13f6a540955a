import { describe, expect, it } from "vitest";
import { SendPasswordChangedNoticeOnUserPasswordChanged } from "../../../../src/application/notifications/SendPasswordChangedNoticeOnUserPasswordChanged.js";
import { SendWelcomeEmailOnUserSignedUp } from "../../../../src/application/notifications/SendWelcomeEmailOnUserSignedUp.js";
import { InMemoryEventBus } from "../../../../src/infrastructure/memory/InMemoryEventBus.js";
import { startNotificationWorker } from "../../../../src/interfaces/worker/notificationWorker.js";
import { FAST, silent } from "../../../support/eventsKit.js";
import { ledger, RecordingMailer, signup } from "../../../support/recordingMailer.js";

describe("Notification worker on the in-memory bus (the embedded default)", () => {
  it("emails once per event even when the bus delivers an event twice, and dead-letters what it cannot handle", async () => {
    const bus = new InMemoryEventBus({ retry: FAST.retry, maxLen: 100, concurrency: 4 });
    const mailer = new RecordingMailer();
    const l = ledger();
    const worker = await startNotificationWorker({ bus, handlers: [new SendWelcomeEmailOnUserSignedUp(mailer, l), new SendPasswordChangedNoticeOnUserPasswordChanged(mailer, l)], logger: silent });
    const event = signup();
    await bus.publish("user:signup", event);
    await bus.publish("user:signup", event);
    await bus.publish("user:signup", { ...signup(), schemaVersion: 7 });
    await bus.drain();
    await worker.stop();
    expect(mailer.sent).toHaveLength(1);
    expect((await bus.list("user:signup", "notifications")).map((d) => d.reason)).toEqual(["Schema version 7 of user:signup is not supported"]);
  });

  it("counts each email's outcome for the metrics: sent, skipped as a duplicate, failed, and a retried delivery", async () => {
    const bus = new InMemoryEventBus({ retry: { ...FAST.retry, maxAttempts: 2 }, maxLen: 100, concurrency: 1 });
    const mailer = new RecordingMailer();
    const counts: Record<string, number> = {};
    const metrics = { email: (event: string, outcome: string) => void (counts[`${event} ${outcome}`] = (counts[`${event} ${outcome}`] ?? 0) + 1) };
    const worker = await startNotificationWorker({ bus, handlers: [new SendWelcomeEmailOnUserSignedUp(mailer, ledger())], logger: silent, metrics });
    const event = signup();
    await bus.publish("user:signup", event);
    await bus.drain();
    await bus.publish("user:signup", event);
    // Unreadable twice (two attempts allowed): failed, retried, failed again, then dead-lettered.
    await bus.publish("user:signup", { ...signup(), schemaVersion: 7 });
    await bus.drain();
    await worker.stop();
    expect(counts).toEqual({ "user:signup sent": 1, "user:signup skipped_duplicate": 1, "user:signup failed": 2, "user:signup retried": 1 });
  });
});
