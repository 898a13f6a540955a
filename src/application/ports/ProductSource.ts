import type { ProductDetails } from "../../domain/catalog/Product.js";

export interface ImageSpec {
  /** Local path of the image file. */
  file: string;
  alt: string;
  position: number;
}

/** A product as the dataset describes it, before its images are stored anywhere. */
export interface ProductSpec extends ProductDetails {
  createdAt: Date;
  images: ImageSpec[];
}

export interface ProductSource {
  load(): Promise<ProductSpec[]>;
}
