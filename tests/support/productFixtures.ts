import type { Product } from "../../src/domain/catalog/Product.js";

let counter = 0;

/** A valid product; every call gets a fresh sku, slug and id unless overridden. */
export function aProduct(overrides: Partial<Product> = {}): Product {
  counter += 1;
  const n = String(counter).padStart(5, "0");
  const sku = overrides.sku ?? `TST-${n}`;
  return {
    id: `prd_${n}`,
    sku,
    slug: `product-${sku.toLowerCase()}`,
    name: `Product ${n}`,
    description: "A sturdy thing",
    category: "Tools",
    brand: "Acme",
    price: { amount: 1000 + counter, currency: "USD" },
    stock: 5,
    rating: 4.2,
    tags: ["steel"],
    images: [1, 2].map((position) => ({
      publicId: `products/${sku.toLowerCase()}/${position}`,
      url: `https://res.cloudinary.com/demo/image/upload/v1/products/${sku.toLowerCase()}/${position}.jpg`,
      width: 400,
      height: 400,
      alt: `Product ${n}, view ${position}`,
      position,
    })),
    createdAt: new Date(Date.UTC(2025, 0, 1) + counter * 60_000),
    updatedAt: new Date(Date.UTC(2025, 6, 1)),
    ...overrides,
  };
}
