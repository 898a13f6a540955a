import { afterAll, describe, inject } from "vitest";
import { InMemoryUserRepository } from "../../src/infrastructure/memory/InMemoryUserRepository.js";
import { connectMongo, type MongoConnection } from "../../src/infrastructure/mongo/connectMongo.js";
import { MongoUserRepository } from "../../src/infrastructure/mongo/MongoUserRepository.js";
import { userRepositoryContract } from "./userRepository.contract.js";

userRepositoryContract("in-memory", async () => new InMemoryUserRepository());

const mongo = inject("mongo");
const connections: MongoConnection[] = [];

describe.skipIf(!mongo.uri)(mongo.uri ? "MongoDB" : `MongoDB (skipped: ${mongo.reason})`, () => {
  afterAll(async () => {
    for (const c of connections) await c.db.dropDatabase().then(() => c.client.close());
  });
  userRepositoryContract("MongoDB", async () => {
    const connection = await connectMongo(mongo.uri!, `bazaar_test_${process.pid}_${connections.length}`);
    connections.push(connection);
    const repo = new MongoUserRepository(connection.db);
    await repo.ensureIndexes();
    return repo;
  });
});
