import { InMemoryUserRepository } from "../../src/infrastructure/memory/InMemoryUserRepository.js";
import { MongoUserRepository } from "../../src/infrastructure/mongo/MongoUserRepository.js";
import { describeWithMongo } from "../support/mongo.js";
import { userOutboxContract } from "./userOutbox.contract.js";

userOutboxContract("in-memory", async () => new InMemoryUserRepository());

describeWithMongo("MongoDB outbox", (freshDb) => {
  userOutboxContract("MongoDB", async () => {
    const repo = new MongoUserRepository(await freshDb());
    await repo.ensureIndexes();
    return repo;
  });
});
