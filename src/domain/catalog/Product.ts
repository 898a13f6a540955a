import { InvalidProduct } from "./ProductErrors.js";

/** An amount in integer minor units (cents for USD) and its ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

export interface ProductImage {
  /** Where the image lives in its storage (Cloudinary public id, or a path under the local media dir). */
  publicId: string;
  url: string;
  width: number;
  height: number;
  alt: string;
  /** 1-based display order. */
  position: number;
}

/** What describes a product, wherever it is: in the dataset, in storage or on the wire. */
export interface ProductDetails {
  sku: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  brand: string;
  price: Money;
  stock: number;
  /** 0 to 5, one decimal. */
  rating: number;
  tags: string[];
}

export interface Product extends ProductDetails {
  id: string;
  images: ProductImage[];
  createdAt: Date;
  updatedAt: Date;
}

const SKU = /^[A-Z0-9][A-Z0-9-]{1,39}$/u;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const CURRENCY = /^[A-Z]{3}$/u;
const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** The rules a product must satisfy wherever it comes from (import, tests, a future admin API). */
export function createProduct(input: Product): Product {
  const fail = (field: string) => {
    throw new InvalidProduct(`Product ${input.sku || "?"}: invalid ${field}`);
  };
  if (!SKU.test(input.sku)) fail("sku");
  if (!SLUG.test(input.slug) || input.slug.length > 120) fail("slug");
  if (!input.name.trim() || input.name.length > 200) fail("name");
  if (!input.category.trim()) fail("category");
  if (!isCount(input.price.amount) || !CURRENCY.test(input.price.currency)) fail("price");
  if (!isCount(input.stock)) fail("stock");
  if (!(input.rating >= 0 && input.rating <= 5)) fail("rating");
  const positions = input.images.map((i) => i.position);
  if (new Set(positions).size !== positions.length || input.images.some((i) => i.width <= 0 || i.height <= 0)) fail("images");
  return { ...input, tags: [...new Set(input.tags)], images: [...input.images].sort((a, b) => a.position - b.position) };
}
