import { InMemoryUserRepository } from "../../src/infrastructure/memory/InMemoryUserRepository.js";
import { MongoUserRepository } from "../../src/infrastructure/mongo/MongoUserRepository.js";
import { describeWithMongo } from "../support/mongo.js";
import { userOutboxContract } from "./userOutbox.contract.js";

userOutboxContract("in-memory", async () => new InMemoryUserRepository());

// Every test builds the adapter with its indexes and reads the outbox back (`pending`: $exists, sort on an array).
describeWithMongo("MongoDB outbox", ["unique index", "sparse index", "query operators", "sort by array field"], ({ freshDb, itNeeds }) => {
  userOutboxContract(
    "MongoDB",
    async () => {
      const repo = new MongoUserRepository(await freshDb());
      await repo.ensureIndexes();
      return repo;
    },
    itNeeds,
  );
});
