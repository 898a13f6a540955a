import type { Collection, Db } from "mongodb";
import type { User } from "../../domain/users/User.js";
import { EmailTaken, UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import { isDuplicateKey, translateMongoErrors } from "./mongoErrors.js";
import { toDocument, toEntity, type UserDocument } from "./userMapper.js";

export class MongoUserRepository implements UserRepository {
  readonly #users: Collection<UserDocument>;

  constructor(db: Db, collectionName = "users") {
    this.#users = db.collection<UserDocument>(collectionName);
  }

  /** The unique index is what makes "email is unique" true under concurrent signups, not the use-case's check. */
  async ensureIndexes(): Promise<void> {
    await this.#users.createIndex({ email: 1 }, { unique: true, name: "email_unique" });
  }

  async add(user: User): Promise<void> {
    await translateMongoErrors(async () => {
      try {
        await this.#users.insertOne(toDocument(user.toState()));
      } catch (error) {
        if (isDuplicateKey(error)) throw new EmailTaken();
        throw error;
      }
    });
  }

  async update(user: User): Promise<void> {
    const { _id, ...fields } = toDocument(user.toState());
    const result = await translateMongoErrors(() =>
      this.#users.updateOne({ _id, version: user.version }, { $set: { ...fields, version: user.version + 1 } }),
    );
    if (result.matchedCount === 0) throw new UserModifiedConcurrently();
  }

  async findById(id: string): Promise<User | null> {
    const doc = await translateMongoErrors(() => this.#users.findOne({ _id: id }));
    return doc ? toEntity(doc) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const doc = await translateMongoErrors(() => this.#users.findOne({ email }));
    return doc ? toEntity(doc) : null;
  }
}
