import { describe, expect, it } from "vitest";
import type { EventBus, EventMessage } from "../../../../src/application/ports/EventBus.js";
import { Email } from "../../../../src/domain/users/Email.js";
import { User } from "../../../../src/domain/users/User.js";
import { InMemoryEventBus } from "../../../../src/infrastructure/memory/InMemoryEventBus.js";
import { OutboxRelay } from "../../../../src/infrastructure/outbox/OutboxRelay.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";
import { silent } from "../../../support/eventsKit.js";
import { waitFor } from "../../../support/smtpSink.js";

/** A bus that can be switched off, like Redis going away. */
class FlakyBus implements EventBus {
  down = true;
  attempts = 0;
  constructor(readonly inner = new InMemoryEventBus()) {}
  async publish(channel: string, message: EventMessage): Promise<void> {
    this.attempts++;
    if (this.down) throw new Error("ECONNREFUSED");
    await this.inner.publish(channel, message);
  }
  subscribe: EventBus["subscribe"] = (...args) => this.inner.subscribe(...args);
}

describe("OutboxRelay", () => {
  it("keeps events in the outbox while the bus is down, retries with backoff, and delivers each once when it returns", async () => {
    const kit = accountsKit();
    const bus = new FlakyBus();
    const relay = new OutboxRelay(kit.users, bus, { batchSize: 10, pollIntervalMs: 1_000, retryBaseMs: 20, retryMaxMs: 40 }, silent);
    const got: string[] = [];
    await bus.subscribe("user:signup", "t", async (m) => void got.push(m.id));
    relay.start();
    const user = User.register({ id: "u1", email: Email.parse(ada.email), passwordHash: "h", profile: { firstName: "Ada" }, now: new Date() });
    await kit.users.add(user, [{ id: "e1", type: "user:signup", occurredAt: new Date().toISOString(), schemaVersion: 1, data: {} }]);
    relay.nudge();
    expect(await waitFor(() => bus.attempts >= 3, 2_000)).toBe(true);
    expect(await kit.users.pending(10)).toHaveLength(1);
    // What the metrics show meanwhile: a backlog of one and failed passes.
    expect(await relay.backlog()).toBe(1);
    expect(relay.failedPasses).toBeGreaterThanOrEqual(2);
    expect(relay.published).toBe(0);
    bus.down = false;
    expect(await waitFor(() => got.length === 1, 2_000)).toBe(true);
    expect(await kit.users.pending(10)).toEqual([]);
    expect(await relay.backlog()).toBe(0);
    expect(relay.published).toBe(1);
    await relay.stop();
    await bus.inner.drain();
    expect(got).toEqual(["e1"]);
  });

  it("publishes what a use-case stored with the user, then empties the outbox", async () => {
    const kit = accountsKit();
    const user = await kit.registerUser.execute(ada);
    await kit.flushEvents();
    expect(kit.published.map((m) => m.data)).toEqual([{ userId: user.id, email: "ada@example.com", firstName: "Ada" }]);
    expect(await kit.users.pending(10)).toEqual([]);
  });
});
