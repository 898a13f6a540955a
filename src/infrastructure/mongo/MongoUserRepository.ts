import type { Collection, Db } from "mongodb";
import type { OutboxStore, PendingMessage } from "../../application/ports/OutboxStore.js";
import type { EventMessage } from "../../domain/shared/EventMessage.js";
import type { User } from "../../domain/users/User.js";
import { EmailTaken, UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import { isDuplicateKey, translateMongoErrors } from "./mongoErrors.js";
import { erasedEmail, isErased, toDocument, toEntity, type ErasedUserDocument, type UserDocument } from "./userMapper.js";

export class MongoUserRepository implements UserRepository, OutboxStore {
  readonly #users: Collection<UserDocument>;
  /** The same collection, typed for the tombstones that erasure leaves. */
  readonly #erased: Collection<ErasedUserDocument>;

  constructor(db: Db, collectionName = "users") {
    this.#users = db.collection<UserDocument>(collectionName);
    this.#erased = db.collection<ErasedUserDocument>(collectionName);
  }

  /** The unique index is what makes "email is unique" true under concurrent signups, not the use-case's check. */
  async ensureIndexes(): Promise<void> {
    await this.#users.createIndex({ email: 1 }, { unique: true, name: "email_unique" });
    // Sparse: only users with unsent events are indexed, so the relay's poll stays cheap however many users exist.
    await this.#users.createIndex({ "outbox.id": 1 }, { sparse: true, name: "outbox_pending" });
    // Sparse: only accounts waiting for erasure are indexed, so the erasure job's query costs nothing per user.
    await this.#users.createIndex({ "deletion.eraseAfter": 1 }, { sparse: true, name: "deletion_due" });
  }

  // Without a replica set Mongo has no multi-document transactions; one document holding user and outbox is atomic anyway.
  async add(user: User, outbox: readonly EventMessage[] = []): Promise<void> {
    await translateMongoErrors(async () => {
      try {
        await this.#users.insertOne({ ...toDocument(user.toState()), outbox: [...outbox] });
      } catch (error) {
        if (isDuplicateKey(error)) throw new EmailTaken();
        throw error;
      }
    });
  }

  async update(user: User, outbox: readonly EventMessage[] = []): Promise<void> {
    const { _id, ...fields } = toDocument(user.toState());
    // $push, never $set: earlier messages may still be waiting for the relay.
    const result = await translateMongoErrors(async () => {
      try {
        return await this.#users.updateOne(
          { _id, version: user.version },
          { $set: { ...fields, version: user.version + 1 }, $push: { outbox: { $each: [...outbox] } } },
        );
      } catch (error) {
        // An email change racing a signup (or another change) for the same address: the unique index decides.
        if (isDuplicateKey(error)) throw new EmailTaken();
        throw error;
      }
    });
    if (result.matchedCount === 0) throw new UserModifiedConcurrently();
  }

  async findById(id: string): Promise<User | null> {
    const doc = await translateMongoErrors(() => this.#users.findOne({ _id: id }));
    return doc && !isErased(doc) ? toEntity(doc) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const doc = await translateMongoErrors(() => this.#users.findOne({ email }));
    return doc && !isErased(doc) ? toEntity(doc) : null;
  }

  async findDueForErasure(now: Date, limit: number): Promise<string[]> {
    const docs = await translateMongoErrors(() =>
      this.#users.find({ "deletion.eraseAfter": { $lte: now } }, { projection: { _id: 1 } }).sort({ "deletion.eraseAfter": 1 }).limit(limit).toArray(),
    );
    return docs.map((d) => d._id);
  }

  /**
   * One replaceOne conditioned on the deletion still being due: MongoDB applies it to the document atomically, so of
   * two workers racing only one matches (a tombstone has no `deletion`). Replacing, not $unset-ing, leaves no
   * personal field behind even one added to the document later; messages still waiting in the outbox (they carry
   * the address and name) go too, replaced by the user:deleted event.
   */
  async erase(userId: string, now: Date, outbox: readonly EventMessage[] = []): Promise<boolean> {
    const tombstone: ErasedUserDocument = { _id: userId, email: erasedEmail(userId), erasedAt: now, outbox: [...outbox] };
    const result = await translateMongoErrors(() => this.#erased.replaceOne({ _id: userId, "deletion.eraseAfter": { $lte: now } }, tombstone));
    return result.modifiedCount === 1;
  }

  async pending(limit: number): Promise<PendingMessage[]> {
    const docs = await translateMongoErrors(() =>
      this.#users.find({ "outbox.id": { $exists: true } }, { projection: { outbox: 1 } })
        // Ascending on an array field sorts by each document's oldest message.
        .sort({ "outbox.occurredAt": 1 })
        .limit(limit)
        .toArray(),
    );
    return docs
      .flatMap((doc) => (doc.outbox ?? []).map((message) => ({ ownerId: doc._id, message })))
      .sort((a, b) => a.message.occurredAt.localeCompare(b.message.occurredAt))
      .slice(0, limit);
  }

  async countPending(): Promise<number> {
    const [row] = await translateMongoErrors(() =>
      this.#users
        .aggregate<{ n: number }>([{ $match: { "outbox.id": { $exists: true } } }, { $group: { _id: null, n: { $sum: { $size: "$outbox" } } } }])
        .toArray(),
    );
    return row?.n ?? 0;
  }

  async markSent(sent: PendingMessage[]): Promise<void> {
    const byOwner = new Map<string, PendingMessage[]>();
    for (const p of sent) byOwner.set(p.ownerId, [...(byOwner.get(p.ownerId) ?? []), p]);
    await translateMongoErrors(async () => {
      for (const [ownerId, messages] of byOwner) {
        // $pull leaves `version` alone: marking events sent must not look like a concurrent edit of the user.
        await this.#users.updateOne({ _id: ownerId }, { $pull: { outbox: { id: { $in: messages.map((p) => p.message.id) } } } });
      }
    });
  }
}
