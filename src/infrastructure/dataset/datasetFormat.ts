import type { ProductDetails } from "../../domain/catalog/Product.js";

/** On-disk shape of the generated dataset (products.json next to an images/ directory). */
export const DATASET_FORMAT = 1;

export interface DatasetImage {
  /** Relative to the dataset directory. */
  file: string;
  alt: string;
  position: number;
  /** Hue of the image's background, so the image matches its product. */
  hue: number;
}

export interface DatasetProduct extends ProductDetails {
  createdAt: string;
  images: DatasetImage[];
}

export interface DatasetFile {
  format: number;
  seed: number;
  count: number;
  imageSize: number;
  products: DatasetProduct[];
}
