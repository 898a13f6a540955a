import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ListProductsInput } from "../../../../src/application/catalog/ListProducts.js";
import type { Product } from "../../../../src/domain/catalog/Product.js";
import { PRODUCT_SORTS } from "../../../../src/domain/catalog/ProductQuery.js";
import { catalogKit } from "../../../support/catalogKit.js";
import { aProduct } from "../../../support/productFixtures.js";

// Small value pools so ties on every sort key are common: ties are where keyset pagination breaks.
const NAMES = ["Anvil", "Bolt", "anvil", "Zebra Lamp", "Bolt"];
const CATEGORIES = ["Tools", "Home", "Garden"];
const WORDS = ["steel", "oak", "red", "lamp"];

const productArb = fc.record({
  name: fc.constantFrom(...NAMES),
  category: fc.constantFrom(...CATEGORIES),
  price: fc.constantFrom(0, 100, 250, 999, 5000),
  minute: fc.integer({ min: 0, max: 4 }),
  stock: fc.constantFrom(0, 1, 7),
  tags: fc.subarray(WORDS),
  word: fc.constantFrom(...WORDS, "plain"),
});

const queryArb = fc.record(
  {
    category: fc.constantFrom(...CATEGORIES),
    minPrice: fc.constantFrom(0, 100, 999),
    maxPrice: fc.constantFrom(250, 5000),
    inStock: fc.boolean(),
    q: fc.constantFrom("steel", "OAK", "lamp red", "anvil", "nothing-matches"),
  },
  { requiredKeys: [] },
);

/** The oracle: filters written independently of the adapter. */
function expected(products: Product[], q: Partial<ListProductsInput>): Set<string> {
  const terms = q.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  return new Set(
    products
      .filter((p) => q.category === undefined || p.category === q.category)
      .filter((p) => q.minPrice === undefined || p.price.amount >= q.minPrice)
      .filter((p) => q.maxPrice === undefined || p.price.amount <= q.maxPrice)
      .filter((p) => q.inStock === undefined || (p.stock > 0) === q.inStock)
      .filter((p) => terms.every((t) => [p.name, p.description, ...p.tags].some((s) => s.toLowerCase().includes(t))))
      .map((p) => p.id),
  );
}

describe("keyset pagination (property)", () => {
  it("walking every page returns exactly the filtered set, once each, in order, for any filters, sort and page size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(productArb, { maxLength: 40 }),
        queryArb,
        fc.constantFrom(...PRODUCT_SORTS),
        fc.integer({ min: 1, max: 7 }),
        async (specs, query, sort, limit) => {
          const kit = catalogKit();
          const products = specs.map((s) =>
            aProduct({
              name: s.name,
              category: s.category,
              price: { amount: s.price, currency: "USD" },
              createdAt: new Date(Date.UTC(2025, 0, 1, 0, s.minute)),
              stock: s.stock,
              tags: s.tags,
              description: `A ${s.word} thing`,
            }),
          );
          await kit.products.upsertMany(products);
          const seen: string[] = [];
          let cursor;
          for (let pages = 0; pages <= products.length + 1; pages++) {
            const page = await kit.listProducts.execute({ ...query, sort, limit, cursor });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items.map((p) => p.id));
            cursor = page.nextCursor ?? undefined;
            if (!cursor) break;
          }
          expect(cursor).toBeUndefined();
          expect(new Set(seen).size).toBe(seen.length);
          expect(new Set(seen)).toEqual(expected(products, query));
          const byId = new Map(products.map((p) => [p.id, p]));
          const keyOf = (p: Product) => (sort === "name" ? p.name : sort === "newest" ? p.createdAt.getTime() : p.price.amount);
          const dir = sort === "name" || sort === "price_asc" ? 1 : -1;
          for (let i = 1; i < seen.length; i++) {
            const [a, b] = [byId.get(seen[i - 1]!)!, byId.get(seen[i]!)!];
            const [ka, kb] = [keyOf(a), keyOf(b)];
            expect(ka === kb ? (a.id < b.id ? dir : -dir) : (ka < kb ? dir : -dir)).toBe(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
