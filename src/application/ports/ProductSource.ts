import type { Money } from "../../domain/catalog/Product.js";

export interface ImageSpec {
  /** Local path of the image file. */
  file: string;
  alt: string;
  position: number;
}

/** A product as the dataset describes it, before its images are stored anywhere. */
export interface ProductSpec {
  sku: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  brand: string;
  price: Money;
  stock: number;
  rating: number;
  tags: string[];
  createdAt: Date;
  images: ImageSpec[];
}

export interface ProductSource {
  load(): Promise<ProductSpec[]>;
}
