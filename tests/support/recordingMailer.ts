import type { Mailer, MailMessage } from "../../src/application/ports/Mailer.js";
import { InMemorySendLedger } from "../../src/infrastructure/memory/InMemorySendLedger.js";
import { SystemClock } from "../../src/infrastructure/system/SystemClock.js";
import { eventMessage } from "./eventsKit.js";

/** A mailer that keeps what it was asked to send and can be told to fail. */
export class RecordingMailer implements Mailer {
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

export const ledger = () => new InMemorySendLedger(new SystemClock(), { claimMs: 60_000, sentTtlSeconds: 3600 });
export const signup = (firstName = "Ada") => eventMessage("user:signup", { userId: "u1", email: "ada@example.com", firstName });

