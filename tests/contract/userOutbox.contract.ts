import { describe, expect } from "vitest";
import type { OutboxStore } from "../../src/application/ports/OutboxStore.js";
import type { EventMessage } from "../../src/domain/shared/EventMessage.js";
import { Email } from "../../src/domain/users/Email.js";
import { User } from "../../src/domain/users/User.js";
import { EmailTaken, UserModifiedConcurrently } from "../../src/domain/users/UserErrors.js";
import type { UserRepository } from "../../src/domain/users/UserRepository.js";
import { itAlways, type ItNeeds } from "../support/mongo.js";

let seq = 0;
const newUser = (email = `outbox${++seq}-${Date.now()}@example.com`) =>
  User.register({ id: `u-${seq}-${Math.random().toString(36).slice(2)}`, email: Email.parse(email), passwordHash: "h", profile: { firstName: "Ann" }, now: new Date() });
const message = (type: string, at: string): EventMessage => ({ id: `m-${++seq}`, type, occurredAt: at, schemaVersion: 1, data: { n: seq } });

/**
 * The transactional outbox half of every UserRepository: messages are stored with the user, atomically.
 * `pending` asks MongoDB for a projection, but its answer does not depend on it, so no test needs it.
 */
export function userOutboxContract(name: string, make: () => Promise<UserRepository & OutboxStore>, it: ItNeeds = itAlways): void {
  describe(`UserRepository outbox contract: ${name}`, () => {
    it(["$pull"], "stores messages with the new user and hands them out oldest first until marked sent", async () => {
      const repo = await make();
      const ann = newUser();
      const bob = newUser();
      const m1 = message("user:signup", "2026-01-01T00:00:01.000Z");
      const m2 = message("user:signup", "2026-01-01T00:00:02.000Z");
      await repo.add(ann, [m1]);
      await repo.add(bob, [m2]);
      expect(await repo.countPending()).toBe(2);
      expect(await repo.pending(10)).toEqual([
        { ownerId: ann.id, message: m1 },
        { ownerId: bob.id, message: m2 },
      ]);
      await repo.markSent([{ ownerId: ann.id, message: m1 }]);
      expect(await repo.pending(10)).toEqual([{ ownerId: bob.id, message: m2 }]);
      expect(await repo.countPending()).toBe(1);
    });

    it(["$set", "$push", "$pull"], "appends on update without dropping unsent messages, and marking sent is not a concurrent edit", async () => {
      const repo = await make();
      const ann = newUser();
      const m1 = message("user:signup", "2026-01-01T00:00:01.000Z");
      await repo.add(ann, [m1]);
      const loaded = (await repo.findById(ann.id))!;
      const m2 = message("user:password-changed", "2026-01-01T00:00:02.000Z");
      loaded.changePassword("h2", new Date());
      await repo.update(loaded, [m2]);
      expect((await repo.pending(10)).map((p) => p.message.id)).toEqual([m1.id, m2.id]);
      await repo.markSent([{ ownerId: ann.id, message: m1 }]);
      const again = (await repo.findById(ann.id))!;
      await expect(repo.update(again, [])).resolves.toBeUndefined();
    });

    it(["$set", "$push"], "stores neither the user nor its messages when the write is refused", async () => {
      const repo = await make();
      const ann = newUser();
      await repo.add(ann, []);
      await expect(repo.add(newUser(ann.email), [message("user:signup", "2026-01-01T00:00:00.000Z")])).rejects.toBeInstanceOf(EmailTaken);
      const stale = (await repo.findById(ann.id))!;
      const fresh = (await repo.findById(ann.id))!;
      await repo.update(fresh, []);
      await expect(repo.update(stale, [message("user:password-changed", "2026-01-01T00:00:00.000Z")])).rejects.toBeInstanceOf(UserModifiedConcurrently);
      expect(await repo.pending(10)).toEqual([]);
    });
  });
}
