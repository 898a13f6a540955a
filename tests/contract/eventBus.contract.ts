import { describe, expect, it } from "vitest";
import type { DeadLetters } from "../../src/application/ports/DeadLetters.js";
import type { Delivery, EventBus, EventMessage } from "../../src/application/ports/EventBus.js";
import { waitFor } from "../support/smtpSink.js";
import { eventMessage } from "../support/eventsKit.js";

export interface BusUnderTest {
  bus: EventBus & DeadLetters;
  /** Puts bytes on a channel the way a foreign or buggy producer could. */
  publishRaw(channel: string, raw: string): Promise<void>;
  close(): Promise<void>;
}

/** Made with maxAttempts = 3 and backoff in tens of milliseconds. */
export type MakeBus = () => Promise<BusUnderTest>;

const CH = "user:signup";

async function withBus(make: MakeBus, run: (t: BusUnderTest) => Promise<void>): Promise<void> {
  const t = await make();
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

/** The behaviour every EventBus adapter must share; run once per adapter. */
export function eventBusContract(name: string, make: MakeBus): void {
  describe(`EventBus contract: ${name}`, () => {
    it("delivers each message to a subscriber as JSON round-tripped data, first attempt numbered 1", () =>
      withBus(make, async ({ bus }) => {
        const got: [EventMessage, Delivery][] = [];
        await bus.subscribe(CH, "g", async (m, d) => void got.push([m, d]));
        const sent = eventMessage(CH, { nested: { list: [1, "two"] }, when: "2026-01-01T00:00:00.000Z" });
        await bus.publish(CH, sent);
        expect(await waitFor(() => got.length === 1)).toBe(true);
        expect(got[0]).toEqual([sent, { attempt: 1 }]);
      }));

    it("gives every group every message, and shares a group's messages among its members without duplicates", () =>
      withBus(make, async ({ bus }) => {
        const a: string[] = [];
        const b: string[] = [];
        await bus.subscribe(CH, "a", async (m) => void a.push(m.id));
        await bus.subscribe(CH, "a", async (m) => void a.push(m.id));
        await bus.subscribe(CH, "b", async (m) => void b.push(m.id));
        const ids = [];
        for (let i = 0; i < 30; i++) {
          const m = eventMessage(CH);
          ids.push(m.id);
          await bus.publish(CH, m);
        }
        expect(await waitFor(() => a.length >= 30 && b.length >= 30)).toBe(true);
        await new Promise((r) => setTimeout(r, 100));
        expect([...a].sort()).toEqual([...ids].sort());
        expect([...b].sort()).toEqual([...ids].sort());
      }));

    it("delivers messages published before a group first subscribed", () =>
      withBus(make, async ({ bus }) => {
        const early = eventMessage(CH);
        await bus.publish(CH, early);
        const got: string[] = [];
        await bus.subscribe(CH, "late", async (m) => void got.push(m.id));
        expect(await waitFor(() => got.includes(early.id))).toBe(true);
      }));

    it("retries a failing handler with growing attempt numbers, without holding up the messages behind it", () =>
      withBus(make, async ({ bus }) => {
        const flaky = eventMessage(CH);
        const others = [eventMessage(CH), eventMessage(CH)];
        const attempts: number[] = [];
        const done: string[] = [];
        await bus.subscribe(CH, "g", async (m, d) => {
          if (m.id === flaky.id) {
            attempts.push(d.attempt);
            if (d.attempt < 3) throw new Error("transient");
          }
          done.push(m.id);
        });
        for (const m of [flaky, ...others]) await bus.publish(CH, m);
        expect(await waitFor(() => done.includes(flaky.id))).toBe(true);
        expect(attempts).toEqual([1, 2, 3]);
        // The others went through while the flaky one was waiting for its retries.
        expect(done.indexOf(flaky.id)).toBe(2);
      }));

    it("dead-letters a message whose handler always fails after the attempt limit, then replays it to that group only", () =>
      withBus(make, async ({ bus }) => {
        const poison = eventMessage(CH);
        const behind = Array.from({ length: 5 }, () => eventMessage(CH));
        let fixed = false;
        const handled: string[] = [];
        const other: string[] = [];
        await bus.subscribe(CH, "g", async (m) => {
          if (m.id === poison.id && !fixed) throw new Error("template exploded");
          handled.push(m.id);
        });
        await bus.subscribe(CH, "other", async (m) => void other.push(m.id));
        for (const m of [poison, ...behind]) await bus.publish(CH, m);

        expect(await waitFor(async () => (await bus.list(CH, "g")).length === 1)).toBe(true);
        expect(handled).toEqual(behind.map((m) => m.id));
        const [letter] = await bus.list(CH, "g");
        expect(letter).toMatchObject({ channel: CH, group: "g", reason: "template exploded", attempts: 3 });
        expect(JSON.parse(letter!.raw)).toEqual(poison);

        fixed = true;
        expect(await bus.replay(CH, "g")).toBe(1);
        expect(await waitFor(() => handled.includes(poison.id))).toBe(true);
        expect(await bus.list(CH, "g")).toEqual([]);
        await new Promise((r) => setTimeout(r, 150));
        expect(other.filter((id) => id === poison.id)).toHaveLength(1);
      }));

    it("dead-letters an unparseable message without blocking the valid ones", () =>
      withBus(make, async ({ bus, publishRaw }) => {
        const handled: string[] = [];
        await bus.subscribe(CH, "g", async (m) => void handled.push(m.id));
        const before = eventMessage(CH);
        const after = eventMessage(CH);
        await bus.publish(CH, before);
        await publishRaw(CH, "{not json");
        await publishRaw(CH, JSON.stringify({ hello: "no envelope" }));
        await bus.publish(CH, after);
        expect(await waitFor(async () => (await bus.list(CH, "g")).length === 2)).toBe(true);
        expect(handled).toEqual([before.id, after.id]);
        expect((await bus.list(CH, "g")).map((d) => d.raw).sort()).toEqual([JSON.stringify({ hello: "no envelope" }), "{not json"]);
      }));

    it("lets close() finish the handler in flight before it resolves", () =>
      withBus(make, async ({ bus }) => {
        let finished = false;
        let started = false;
        const sub = await bus.subscribe(CH, "g", async () => {
          started = true;
          await new Promise((r) => setTimeout(r, 150));
          finished = true;
        });
        await bus.publish(CH, eventMessage(CH));
        expect(await waitFor(() => started)).toBe(true);
        await sub.close();
        expect(finished).toBe(true);
      }));
  });
}
