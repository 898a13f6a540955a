import type { Product } from "../../domain/catalog/Product.js";

export type ProductDocument = Omit<Product, "id"> & { _id: string };

export function toProductDocument(product: Product): ProductDocument {
  const { id, ...rest } = product;
  return { _id: id, ...rest };
}

export function toProduct(doc: ProductDocument): Product {
  const { _id, ...rest } = doc;
  return {
    id: _id,
    sku: rest.sku,
    slug: rest.slug,
    name: rest.name,
    description: rest.description,
    category: rest.category,
    brand: rest.brand,
    price: { amount: rest.price.amount, currency: rest.price.currency },
    stock: rest.stock,
    rating: rest.rating,
    tags: rest.tags,
    images: rest.images.map((i) => ({ publicId: i.publicId, url: i.url, width: i.width, height: i.height, alt: i.alt, position: i.position })),
    createdAt: rest.createdAt,
    updatedAt: rest.updatedAt,
  };
}
