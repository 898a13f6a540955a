import { InMemoryUserRepository } from "../../src/infrastructure/memory/InMemoryUserRepository.js";
import { MongoUserRepository } from "../../src/infrastructure/mongo/MongoUserRepository.js";
import { describeWithMongo } from "../support/mongo.js";
import { userRepositoryContract } from "./userRepository.contract.js";

userRepositoryContract("in-memory", async () => new InMemoryUserRepository());

// Every test builds the adapter with its indexes (ensureIndexes).
describeWithMongo("MongoDB", ["unique index", "sparse index"], ({ freshDb, itNeeds }) => {
  userRepositoryContract(
    "MongoDB",
    async () => {
      const repo = new MongoUserRepository(await freshDb());
      await repo.ensureIndexes();
      return repo;
    },
    itNeeds,
  );
});
