import type { ProductSpec } from "../ports/ProductSource.js";

/** One folder per product and a public id that depends only on sku and position: re-uploads find the first copy. */
export const productFolder = (sku: string) => `products/${sku.toLowerCase()}`;
export const imagePublicId = (sku: string, position: number) => `${productFolder(sku)}/${position}`;

export interface ImageTask {
  spec: ProductSpec;
  publicId: string;
  folder: string;
  file: string;
}

export function imageTasks(specs: ProductSpec[]): ImageTask[] {
  return specs.flatMap((spec) =>
    spec.images.map((image) => ({ spec, publicId: imagePublicId(spec.sku, image.position), folder: productFolder(spec.sku), file: image.file })),
  );
}
