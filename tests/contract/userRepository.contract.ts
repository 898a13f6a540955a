import { describe, expect } from "vitest";
import type { OutboxStore } from "../../src/application/ports/OutboxStore.js";
import type { EventMessage } from "../../src/domain/shared/EventMessage.js";
import { Email } from "../../src/domain/users/Email.js";
import { User } from "../../src/domain/users/User.js";
import { EmailTaken, UserModifiedConcurrently } from "../../src/domain/users/UserErrors.js";
import type { UserRepository } from "../../src/domain/users/UserRepository.js";
import { itAlways, type ItNeeds } from "../support/mongo.js";

let seq = 0;
const newUser = (email = `user${++seq}-${Date.now()}@example.com`) =>
  User.register({
    id: `id-${seq}-${Math.random().toString(36).slice(2)}`,
    email: Email.parse(email),
    passwordHash: "$2b$04$abcdefghijklmnopqrstuuN0vrtEK3a0uCwO3.XzSzdCh1tNKtcGS",
    profile: { firstName: "Grace", skills: ["cobol"] },
    now: new Date("2026-02-03T04:05:06.789Z"),
  });

/**
 * The behaviour every UserRepository adapter must share; run once per adapter. The capabilities each test names
 * are the MongoDB server features the Mongo adapter uses for it: a server without one skips that test, saying so.
 */
export function userRepositoryContract(name: string, make: () => Promise<UserRepository & OutboxStore>, it: ItNeeds = itAlways): void {
  describe(`UserRepository contract: ${name}`, () => {
    it([], "finds an added user by id and by email, with every field intact", async () => {
      const repo = await make();
      const user = newUser();
      await repo.add(user);
      expect((await repo.findById(user.id))?.toState()).toEqual(user.toState());
      expect((await repo.findByEmail(user.email))?.toState()).toEqual(user.toState());
    });

    it([], "returns null for unknown ids and emails", async () => {
      const repo = await make();
      expect(await repo.findById("nope")).toBeNull();
      expect(await repo.findByEmail("nobody@nowhere.example")).toBeNull();
    });

    it([], "refuses a second user with the same email", async () => {
      const repo = await make();
      const first = newUser();
      await repo.add(first);
      await expect(repo.add(newUser(first.email))).rejects.toBeInstanceOf(EmailTaken);
    });

    it([], "lets exactly one of many concurrent signups with one email win", async () => {
      const repo = await make();
      const email = `race-${Date.now()}@example.com`;
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => repo.add(newUser(email))));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.filter((r) => r.status === "rejected" && r.reason instanceof EmailTaken)).toHaveLength(7);
    });

    it(["$set", "$push"], "stores updates and bumps the version", async () => {
      const repo = await make();
      const user = newUser();
      await repo.add(user);
      const loaded = (await repo.findById(user.id))!;
      loaded.editProfile({ about: "Debugged a moth" }, new Date());
      await repo.update(loaded);
      const again = (await repo.findById(user.id))!;
      expect(again.toState().profile.about).toBe("Debugged a moth");
      expect(again.version).toBe(loaded.version + 1);
    });

    it(["$set", "$push"], "refuses a write based on a stale read", async () => {
      const repo = await make();
      const user = newUser();
      await repo.add(user);
      const a = (await repo.findById(user.id))!;
      const b = (await repo.findById(user.id))!;
      a.editProfile({ age: 40 }, new Date());
      await repo.update(a);
      b.editProfile({ age: 50 }, new Date());
      await expect(repo.update(b)).rejects.toBeInstanceOf(UserModifiedConcurrently);
      expect((await repo.findById(user.id))!.toState().profile.age).toBe(40);
    });

    it(["$set", "$push"], "stores the proof-of-address fields: verification time, pending address, undo window", async () => {
      const repo = await make();
      const user = newUser();
      await repo.add(user);
      const loaded = (await repo.findById(user.id))!;
      expect(loaded.toState()).toMatchObject({ emailVerifiedAt: null, pendingEmail: null, undoEmail: null, undoEmailUntil: null });
      const now = new Date("2026-03-04T05:06:07.890Z");
      loaded.verifyEmail(now);
      loaded.requestEmailChange(Email.parse(`pending-${seq}-${Date.now()}@example.com`), now);
      await repo.update(loaded);
      const again = (await repo.findById(user.id))!;
      expect(again.toState()).toEqual({ ...loaded.toState(), version: loaded.version + 1 });
      expect(again.emailVerifiedAt).toEqual(now);
      expect(again.pendingEmail).toBe(loaded.pendingEmail);
    });

    it(["$set", "$push"], "an email change moves the account to the new address and frees the old one", async () => {
      const repo = await make();
      const user = newUser();
      await repo.add(user);
      const oldEmail = user.email;
      const newEmail = `moved-${seq}-${Date.now()}@example.com`;
      const loaded = (await repo.findById(user.id))!;
      const now = new Date("2026-03-04T05:06:07.890Z");
      loaded.requestEmailChange(Email.parse(newEmail), now);
      loaded.confirmEmailChange(now, new Date("2026-03-11T05:06:07.890Z"));
      await repo.update(loaded);
      expect((await repo.findByEmail(newEmail))?.id).toBe(user.id);
      expect(await repo.findByEmail(oldEmail)).toBeNull();
      expect((await repo.findById(user.id))!.toState()).toMatchObject({ email: newEmail, undoEmail: oldEmail, undoEmailUntil: new Date("2026-03-11T05:06:07.890Z"), emailVerifiedAt: now });
      await repo.add(newUser(oldEmail));
    });

    it(["$set", "$push"], "refuses an email change to an address another account holds", async () => {
      const repo = await make();
      const [user, other] = [newUser(), newUser()];
      await repo.add(user);
      await repo.add(other);
      const loaded = (await repo.findById(user.id))!;
      loaded.requestEmailChange(Email.parse(other.email), new Date());
      loaded.confirmEmailChange(new Date(), new Date(Date.now() + 60_000));
      await expect(repo.update(loaded)).rejects.toBeInstanceOf(EmailTaken);
      expect((await repo.findById(user.id))!.email).toBe(user.email);
      expect((await repo.findByEmail(other.email))?.id).toBe(other.id);
    });

    it([], "does not let a caller mutate stored state through a returned entity", async () => {
      const repo = await make();
      const user = newUser();
      await repo.add(user);
      const loaded = (await repo.findById(user.id))!;
      loaded.editProfile({ firstName: "Changed" }, new Date());
      expect((await repo.findById(user.id))!.toState().profile.firstName).toBe("Grace");
    });

    describe("account erasure", () => {
      const DAY = 86_400_000;
      const t0 = new Date("2026-03-01T00:00:00.000Z");
      const at = (days: number) => new Date(t0.getTime() + days * DAY);
      const deletedEvent = (userId: string): EventMessage => ({ id: `evt-${userId}`, type: "user:deleted", occurredAt: at(14).toISOString(), schemaVersion: 1, data: { userId } });

      /** Adds a user whose deletion was asked for at t0, due `days` later (added so, not updated: MongoDB needs no $push). */
      async function pendingDeletion(repo: UserRepository, days: number): Promise<User> {
        const asked = newUser();
        asked.requestDeletion(t0, at(days));
        await repo.add(User.restore(asked.toState()));
        return (await repo.findById(asked.id))!;
      }

      it(["query operators"], "stores a pending deletion and lists due accounts, soonest first, up to the limit", async () => {
        const repo = await make();
        const later = await pendingDeletion(repo, 14);
        const sooner = await pendingDeletion(repo, 7);
        const notYet = await pendingDeletion(repo, 30);
        await repo.add(newUser());
        expect(later.deletion).toEqual({ requestedAt: t0, eraseAfter: at(14) });
        expect(later.disabled).toBe(true);
        const due = await repo.findDueForErasure(at(14), 10);
        expect(due).toEqual([sooner.id, later.id]);
        expect(due).not.toContain(notYet.id);
        expect(await repo.findDueForErasure(at(14), 1)).toEqual([sooner.id]);
        expect(await repo.findDueForErasure(at(6), 10)).toEqual([]);
      });

      it(["$set", "$push", "query operators"], "no longer lists a restored account, and does not erase it", async () => {
        const repo = await make();
        const user = await pendingDeletion(repo, 14);
        user.cancelDeletion(at(1));
        await repo.update(user);
        expect((await repo.findById(user.id))!.deletion).toBeNull();
        expect(await repo.findDueForErasure(at(20), 10)).toEqual([]);
        expect(await repo.erase(user.id, at(20))).toBe(false);
        expect(await repo.findById(user.id)).not.toBeNull();
      });

      it(["query operators"], "erases a due account: gone by id and email, its address free for a new signup, its event in the outbox", async () => {
        const repo = await make();
        const user = await pendingDeletion(repo, 14);
        expect(await repo.erase(user.id, at(13))).toBe(false);
        expect(await repo.erase(user.id, at(14), [deletedEvent(user.id)])).toBe(true);
        expect(await repo.findById(user.id)).toBeNull();
        expect(await repo.findByEmail(user.email)).toBeNull();
        expect(await repo.findDueForErasure(at(20), 10)).toEqual([]);
        await repo.add(newUser(user.email));
        expect((await repo.findByEmail(user.email))!.id).not.toBe(user.id);
        const pending = (await repo.pending(100)).filter((p) => p.ownerId === user.id);
        expect(pending.map((p) => p.message.id)).toEqual([`evt-${user.id}`]);
      });

      it(["query operators"], "erases once however many callers race, and never again", async () => {
        const repo = await make();
        const user = await pendingDeletion(repo, 14);
        const results = await Promise.all(Array.from({ length: 4 }, () => repo.erase(user.id, at(15), [deletedEvent(user.id)])));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await repo.erase(user.id, at(16), [deletedEvent(user.id)])).toBe(false);
        expect((await repo.pending(100)).filter((p) => p.ownerId === user.id)).toHaveLength(1);
      });

      it(["$set", "$push"], "refuses a write prepared before the erasure", async () => {
        const repo = await make();
        const user = await pendingDeletion(repo, 14);
        expect(await repo.erase(user.id, at(14))).toBe(true);
        user.cancelDeletion(at(14));
        await expect(repo.update(user)).rejects.toBeInstanceOf(UserModifiedConcurrently);
        expect(await repo.findById(user.id)).toBeNull();
      });

      it([], "does not erase an unknown account or one never scheduled", async () => {
        const repo = await make();
        const user = newUser();
        await repo.add(user);
        expect(await repo.erase("nope", at(20))).toBe(false);
        expect(await repo.erase(user.id, at(20))).toBe(false);
        expect(await repo.findById(user.id)).not.toBeNull();
      });
    });
  });
}
