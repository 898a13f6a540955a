import type { ProductImage } from "../../domain/catalog/Product.js";

export interface VariantUrls {
  thumbnail: string;
  medium: string;
  large: string;
}

/** Ready-made sizes for an image, built from where the image is stored (a CDN transformation or a local resize). */
export interface ImageVariants {
  of(image: ProductImage): VariantUrls;
}
