import type { Product, ProductDetails, ProductImage } from "../../../domain/catalog/Product.js";
import type { ImageVariants, VariantUrls } from "../../ports/ImageVariants.js";

export type ProductImageView = ProductImage & { variants: VariantUrls };

export interface ProductView extends ProductDetails {
  id: string;
  inStock: boolean;
  images: ProductImageView[];
  createdAt: string;
  updatedAt: string;
}

export function toProductView(p: Product, variants: ImageVariants): ProductView {
  return {
    id: p.id,
    sku: p.sku,
    slug: p.slug,
    name: p.name,
    description: p.description,
    category: p.category,
    brand: p.brand,
    price: { ...p.price },
    stock: p.stock,
    inStock: p.stock > 0,
    rating: p.rating,
    tags: [...p.tags],
    images: p.images.map((image) => ({ ...image, variants: variants.of(image) })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
