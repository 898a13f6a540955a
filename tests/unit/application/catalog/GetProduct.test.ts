import { describe, expect, it } from "vitest";
import { ProductNotFound } from "../../../../src/domain/catalog/ProductErrors.js";
import { catalogKit } from "../../../support/catalogKit.js";
import { aProduct } from "../../../support/productFixtures.js";

describe("GetProduct", () => {
  it("finds a product by id or by slug, with its images and ready-made variants", async () => {
    const kit = catalogKit();
    const p = aProduct();
    await kit.products.upsertMany([p]);
    const byId = await kit.getProduct.execute({ idOrSlug: p.id });
    expect(await kit.getProduct.execute({ idOrSlug: p.slug })).toEqual(byId);
    expect(byId).toMatchObject({ id: p.id, sku: p.sku, price: p.price, inStock: true, createdAt: p.createdAt.toISOString() });
    expect(byId.images).toHaveLength(2);
    expect(byId.images[0]!.variants.thumbnail).toBe(
      `https://res.cloudinary.com/demo/image/upload/c_fill,g_auto,w_160,h_160,q_auto,f_auto/v1/${p.images[0]!.publicId}.jpg`,
    );
  });

  it("offers resized local variants for locally stored images", async () => {
    const kit = catalogKit();
    const p = aProduct({ images: [{ publicId: "products/x/1", url: "/media/products/x/1.jpg", width: 400, height: 400, alt: "x", position: 1 }] });
    await kit.products.upsertMany([p]);
    const view = await kit.getProduct.execute({ idOrSlug: p.slug });
    expect(view.images[0]!.variants).toEqual({ thumbnail: "/media/products/x/1.jpg?w=160", medium: "/media/products/x/1.jpg?w=320", large: "/media/products/x/1.jpg" });
  });

  it("throws ProductNotFound for an unknown id or slug", async () => {
    await expect(catalogKit().getProduct.execute({ idOrSlug: "nope" })).rejects.toBeInstanceOf(ProductNotFound);
  });
});
