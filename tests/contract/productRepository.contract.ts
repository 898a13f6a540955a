import { expect } from "vitest";
import { SlugTaken } from "../../src/domain/catalog/ProductErrors.js";
import type { ProductSort } from "../../src/domain/catalog/ProductQuery.js";
import type { ProductRepository } from "../../src/domain/catalog/ProductRepository.js";
import { itAlways, type ItNeeds } from "../support/mongo.js";
import { aProduct } from "../support/productFixtures.js";

/**
 * What every ProductRepository adapter must do; `make` returns an empty repository. The capabilities each test
 * names are the MongoDB server features the Mongo adapter uses for it (every write is a bulk upsert by sku).
 */
export function productRepositoryContract(make: () => Promise<ProductRepository>, it: ItNeeds = itAlways): void {
  const UPSERT = ["bulk upsert", "$set", "$setOnInsert"] as const;
  const listAll = async (repo: ProductRepository, sort: ProductSort = "newest") => {
    const out = [];
    let after;
    for (;;) {
      const page = await repo.list({ filters: {}, sort, limit: 3, after });
      out.push(...page);
      if (page.length < 3) return out;
      const last = page.at(-1)!;
      after = { key: sort === "name" ? last.name : sort === "newest" ? last.createdAt.getTime() : last.price.amount, id: last.id };
    }
  };

  it(UPSERT, "round-trips a product exactly, found by id and by slug", async () => {
    const repo = await make();
    const p = aProduct({ tags: ["a", "b"] });
    expect(await repo.upsertMany([p])).toEqual({ inserted: 1, updated: 0 });
    expect(await repo.findById(p.id)).toEqual(p);
    expect(await repo.findBySlug(p.slug)).toEqual(p);
    expect(await repo.findById("nope")).toBeNull();
    expect(await repo.findBySlug("nope")).toBeNull();
  });

  it([...UPSERT, "estimatedDocumentCount"], "upserts by sku: a re-import keeps id and createdAt, updates the rest, and never duplicates", async () => {
    const repo = await make();
    const p = aProduct();
    await repo.upsertMany([p]);
    const again = { ...p, id: "prd_other", name: "Renamed", createdAt: new Date(0), updatedAt: new Date(Date.UTC(2026, 0, 1)) };
    expect(await repo.upsertMany([again, aProduct()])).toEqual({ inserted: 1, updated: 1 });
    expect(await repo.count()).toBe(2);
    expect(await repo.findById(p.id)).toEqual({ ...again, id: p.id, createdAt: p.createdAt });
    expect(await repo.findById("prd_other")).toBeNull();
  });

  it([...UPSERT, "bulk writeErrors"], "refuses a slug that belongs to another sku", async () => {
    const repo = await make();
    const p = aProduct();
    await repo.upsertMany([p]);
    await expect(repo.upsertMany([aProduct({ slug: p.slug })])).rejects.toBeInstanceOf(SlugTaken);
  });

  it([...UPSERT, "bulk writeErrors"], "lists exactly what a batch that failed half-way did store", async () => {
    const repo = await make();
    const p = aProduct();
    await repo.upsertMany([p]);
    await repo.list({ filters: {}, sort: "name", limit: 10 });
    const before = aProduct({ name: "AAA first of the batch" });
    await expect(repo.upsertMany([before, aProduct({ slug: p.slug })])).rejects.toBeInstanceOf(SlugTaken);
    const stored = (await repo.findById(before.id)) !== null;
    const listed = (await repo.list({ filters: {}, sort: "name", limit: 10 })).map((x) => x.id);
    expect(listed).toEqual(stored ? [before.id, p.id] : [p.id]);
  });

  for (const sort of ["newest", "price_asc", "price_desc", "name"] as const) {
    it([...UPSERT, "query operators"], `pages through every product once in ${sort} order, ties broken by id`, async () => {
      const repo = await make();
      const tie = { price: { amount: 500, currency: "USD" }, name: "Same", createdAt: new Date(Date.UTC(2025, 1, 1)) };
      const products = [...Array.from({ length: 6 }, () => aProduct(tie)), ...Array.from({ length: 5 }, () => aProduct())];
      await repo.upsertMany(products);
      const seen = await listAll(repo, sort);
      expect(seen.map((p) => p.id).sort()).toEqual(products.map((p) => p.id).sort());
      const keys = seen.map((p) => (sort === "name" ? p.name : sort === "newest" ? p.createdAt.getTime() : p.price.amount));
      const dir = sort === "price_asc" || sort === "name" ? 1 : -1;
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [keys[i - 1]!, keys[i]!];
        expect(a === b ? (seen[i - 1]!.id < seen[i]!.id ? 1 : -1) * dir : (a < b ? 1 : -1) * dir).toBe(1);
      }
    });
  }

  it(UPSERT, "moves a re-imported product to its new place in every sort order at once", async () => {
    const repo = await make();
    const [cheap, dear] = [aProduct({ price: { amount: 100, currency: "USD" } }), aProduct({ price: { amount: 200, currency: "USD" } })];
    await repo.upsertMany([cheap, dear]);
    const order = async () => (await repo.list({ filters: {}, sort: "price_asc", limit: 10 })).map((p) => p.sku);
    expect(await order()).toEqual([cheap.sku, dear.sku]);
    await repo.upsertMany([{ ...cheap, price: { amount: 300, currency: "USD" } }]);
    expect(await order()).toEqual([dear.sku, cheap.sku]);
    const newcomer = aProduct({ price: { amount: 150, currency: "USD" } });
    await repo.upsertMany([newcomer]);
    expect(await order()).toEqual([newcomer.sku, dear.sku, cheap.sku]);
  });

  it([...UPSERT, "query operators"], "filters by category, price range, stock and search terms (name, description or tag, any case)", async () => {
    const repo = await make();
    const lamp = aProduct({ name: "Brass Desk Lamp", category: "Home", price: { amount: 4999, currency: "USD" }, tags: ["lighting"] });
    const chair = aProduct({ name: "Oak Chair", description: "Solid OAK, hand finished", category: "Home", price: { amount: 12000, currency: "USD" }, stock: 0 });
    const drill = aProduct({ name: "Cordless Drill", category: "Tools", price: { amount: 8999, currency: "USD" }, tags: ["power", "LIGHTING"] });
    await repo.upsertMany([lamp, chair, drill]);
    const ids = async (filters: object) => (await repo.list({ filters, sort: "price_asc", limit: 10 })).map((p) => p.sku);
    expect(await ids({ category: "Home" })).toEqual([lamp.sku, chair.sku]);
    expect(await ids({ minPrice: 4999, maxPrice: 8999 })).toEqual([lamp.sku, drill.sku]);
    expect(await ids({ inStock: false })).toEqual([chair.sku]);
    expect(await ids({ inStock: true, category: "Home" })).toEqual([lamp.sku]);
    expect(await ids({ terms: ["lighting"] })).toEqual([lamp.sku, drill.sku]);
    expect(await ids({ terms: ["oak", "finished"] })).toEqual([chair.sku]);
    expect(await ids({ terms: ["desk", "drill"] })).toEqual([]);
    expect(await ids({ terms: ["(.*)"] })).toEqual([]);
  });
}
