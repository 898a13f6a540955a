import { describe, expect, it } from "vitest";
import { toProductView } from "../../../../../src/application/catalog/views/ProductView.js";
import { ProductViews } from "../../../../../src/application/catalog/views/ProductViews.js";
import { UrlImageVariants } from "../../../../../src/infrastructure/images/UrlImageVariants.js";
import { catalogKit } from "../../../../support/catalogKit.js";
import { aProduct } from "../../../../support/productFixtures.js";

describe("ProductViews", () => {
  const variants = new UrlImageVariants();

  it("serves the stored product's view from cache until a re-import changes it, then shows the change", async () => {
    const kit = catalogKit();
    const lamp = aProduct({ name: "Brass Lamp" });
    await kit.products.upsertMany([lamp]);
    const first = await kit.getProduct.execute({ idOrSlug: lamp.id });
    expect(await kit.getProduct.execute({ idOrSlug: lamp.id })).toBe(first);
    expect((await kit.listProducts.execute({ sort: "newest", limit: 5 })).items[0]).toBe(first);

    await kit.products.upsertMany([{ ...lamp, price: { amount: 7, currency: "USD" }, updatedAt: lamp.updatedAt }]);
    const changed = await kit.getProduct.execute({ idOrSlug: lamp.id });
    expect(changed.price.amount).toBe(7);
    expect(changed).toEqual({ ...first, price: { amount: 7, currency: "USD" } });
  });

  it("builds the same view for a fresh copy (as MongoDB returns) and for a changed top-level field or date", () => {
    const views = new ProductViews(variants);
    const p = aProduct();
    const view = views.of(p);
    expect(view).toEqual(toProductView(p, variants));
    expect(views.of(structuredClone(p))).toEqual(view);
    expect(views.of({ ...p, stock: 0 }).inStock).toBe(false);
    expect(views.of({ ...p, updatedAt: new Date(p.updatedAt.getTime() + 1) }).updatedAt).not.toBe(view.updatedAt);
  });

  it("hands out views nobody can change, since every response shares them", () => {
    const view = new ProductViews(variants).of(aProduct());
    expect(() => {
      (view.price as { amount: number }).amount = 1;
    }).toThrow(TypeError);
    expect(Object.isFrozen(view.images[0]!.variants)).toBe(true);
  });
});
