import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRODUCT_SORTS, sortKeyOf, type Position, type ProductFilters } from "../../../../src/domain/catalog/ProductQuery.js";
import { InMemoryProductRepository } from "../../../../src/infrastructure/memory/InMemoryProductRepository.js";
import { toProductDocument } from "../../../../src/infrastructure/mongo/productMapper.js";
import { filterFor, sortFor } from "../../../../src/infrastructure/mongo/productQueryFilter.js";
import { matchesFilter, sortDocs } from "../../../support/miniMongo.js";
import { aProduct } from "../../../support/productFixtures.js";

describe("MongoDB product queries (property, executed by a minimal Mongo-semantics interpreter; no server here)", () => {
  it("filter + keyset condition + sort select the same page as the in-memory adapter", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ name: fc.constantFrom("Axe", "axe", "Bolt"), price: fc.constantFrom(0, 100, 250), minute: fc.nat(3), stock: fc.nat(2), tag: fc.constantFrom("oak", "steel") }),
          { maxLength: 25 },
        ),
        fc.record({ category: fc.constant("Tools"), minPrice: fc.constantFrom(0, 100), maxPrice: fc.constantFrom(100, 250), inStock: fc.boolean(), terms: fc.constantFrom("oak", "ax", "a.e").map((t) => [t]) }, { requiredKeys: [] }),
        fc.constantFrom(...PRODUCT_SORTS),
        fc.nat(24),
        async (specs, filters: ProductFilters, sort, afterIndex) => {
          const products = specs.map((s) =>
            aProduct({ name: s.name, price: { amount: s.price, currency: "USD" }, createdAt: new Date(Date.UTC(2025, 0, 1, 0, s.minute)), stock: s.stock, tags: [s.tag] }),
          );
          const memory = new InMemoryProductRepository();
          await memory.upsertMany(products);
          const all = await memory.list({ filters: {}, sort, limit: 100 });
          const pivot = all[afterIndex];
          const after: Position | undefined = pivot ? { key: sortKeyOf(pivot, sort), id: pivot.id } : undefined;

          const expected = (await memory.list({ filters, sort, limit: 100, after })).map((p) => p.id);
          const docs = products.map(toProductDocument).filter((d) => matchesFilter(d, filterFor(filters, sort, after) as Record<string, unknown>));
          const actual = sortDocs(docs, sortFor(sort) as Record<string, 1 | -1>).map((d) => d._id);
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
