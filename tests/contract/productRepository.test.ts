import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe } from "vitest";
import { JsonFileProductRepository } from "../../src/infrastructure/files/JsonFileProductRepository.js";
import { InMemoryProductRepository } from "../../src/infrastructure/memory/InMemoryProductRepository.js";
import { MongoProductRepository } from "../../src/infrastructure/mongo/MongoProductRepository.js";
import { describeWithMongo } from "../support/mongo.js";
import { productRepositoryContract } from "./productRepository.contract.js";

describe("ProductRepository contract: in-memory", () => {
  productRepositoryContract(async () => new InMemoryProductRepository());
});

describe("ProductRepository contract: JSON snapshot file (reloaded from disk for every read)", () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  productRepositoryContract(async () => {
    const dir = await mkdtemp(join(tmpdir(), "bazaar-products-"));
    dirs.push(dir);
    const file = join(dir, "products.json");
    const writer = new JsonFileProductRepository(file);
    // Writes go through one instance, reads through a fresh one, so persistence itself is under test.
    return {
      upsertMany: (p) => writer.upsertMany(p),
      findById: (id) => new JsonFileProductRepository(file).findById(id),
      findBySlug: (s) => new JsonFileProductRepository(file).findBySlug(s),
      list: (q) => new JsonFileProductRepository(file).list(q),
      count: () => new JsonFileProductRepository(file).count(),
    };
  });
});

// Every test builds the adapter with its indexes (ensureIndexes: two of them unique).
describeWithMongo("ProductRepository contract: MongoDB", ["unique index"], ({ freshDb, itNeeds }) => {
  productRepositoryContract(async () => {
    const repo = new MongoProductRepository(await freshDb());
    await repo.ensureIndexes();
    return repo;
  }, itNeeds);
});
