import { expect } from "vitest";
import { MongoUserRepository } from "../../../src/infrastructure/mongo/MongoUserRepository.js";
import { describeWithMongo } from "../../support/mongo.js";

describeWithMongo("MongoUserRepository indexes", ["unique index", "sparse index"], ({ freshDb, itNeeds }) => {
  itNeeds([], "indexes the erasure due date sparsely: only accounts waiting for erasure are in it", async () => {
    const db = await freshDb();
    await new MongoUserRepository(db).ensureIndexes();
    const indexes = await db.collection("users").indexes();
    expect(indexes.find((i) => i.name === "deletion_due")).toMatchObject({ key: { "deletion.eraseAfter": 1 }, sparse: true });
    expect(indexes.find((i) => i.name === "email_unique")).toMatchObject({ key: { email: 1 }, unique: true });
  });
});
