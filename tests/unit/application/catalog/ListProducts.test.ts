import { describe, expect, it } from "vitest";
import { InvalidCursor } from "../../../../src/domain/catalog/ProductErrors.js";
import { catalogKit } from "../../../support/catalogKit.js";
import { aProduct } from "../../../support/productFixtures.js";

async function seeded() {
  const kit = catalogKit();
  const cheap = aProduct({ name: "Cheap Steel Spoon", price: { amount: 199, currency: "USD" }, category: "Kitchen" });
  const mid = aProduct({ name: "Oak Bowl", price: { amount: 2500, currency: "USD" }, category: "Kitchen", stock: 0, tags: [] });
  const dear = aProduct({ name: "Espresso Machine", price: { amount: 59900, currency: "USD" }, category: "Appliances", tags: ["steel"] });
  await kit.products.upsertMany([cheap, mid, dear]);
  return { kit, cheap, mid, dear };
}

describe("ListProducts", () => {
  it("sorts newest first by default and pages with a cursor until the last page has none", async () => {
    const { kit, cheap, mid, dear } = await seeded();
    const first = await kit.listProducts.execute({ sort: "newest", limit: 2 });
    expect(first.items.map((p) => p.id)).toEqual([dear.id, mid.id]);
    expect(first.nextCursor).toMatchObject({ sort: "newest", key: mid.createdAt.getTime(), id: mid.id });
    const second = await kit.listProducts.execute({ sort: "newest", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((p) => p.id)).toEqual([cheap.id]);
    expect(second.nextCursor).toBeNull();
  });

  it("gives no cursor when a page ends exactly at the last product", async () => {
    const { kit } = await seeded();
    expect((await kit.listProducts.execute({ sort: "name", limit: 3 })).nextCursor).toBeNull();
  });

  it("applies price, category, stock and text filters together", async () => {
    const { kit, cheap, dear } = await seeded();
    const ids = async (input: object) => (await kit.listProducts.execute({ sort: "price_asc", limit: 10, ...input })).items.map((p) => p.id);
    expect(await ids({ minPrice: 200 })).toHaveLength(2);
    expect(await ids({ category: "Kitchen", inStock: true })).toEqual([cheap.id]);
    expect(await ids({ q: "  STEEL " })).toEqual([cheap.id, dear.id]);
    expect(await ids({ q: "steel", maxPrice: 1000 })).toEqual([cheap.id]);
  });

  it("refuses a cursor issued for another sort or other filters", async () => {
    const { kit } = await seeded();
    const { nextCursor } = await kit.listProducts.execute({ sort: "price_asc", limit: 1, category: "Kitchen" });
    await expect(kit.listProducts.execute({ sort: "price_desc", limit: 1, category: "Kitchen", cursor: nextCursor! })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(kit.listProducts.execute({ sort: "price_asc", limit: 1, cursor: nextCursor! })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(kit.listProducts.execute({ sort: "name", limit: 1, cursor: { ...nextCursor!, sort: "name" } })).rejects.toBeInstanceOf(InvalidCursor);
  });
});
