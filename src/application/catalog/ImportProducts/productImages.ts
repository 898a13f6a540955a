import { createProduct, type Product } from "../../../domain/catalog/Product.js";
import type { StoredImage } from "../../ports/ImageStorage.js";
import type { ProductSpec } from "../../ports/ProductSource.js";

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

/** The product a spec describes, once every one of its images is stored. */
export function productFromSpec(spec: ProductSpec, stored: Map<string, StoredImage>, id: string, now: Date): Product {
  const { images, ...fields } = spec;
  return createProduct({
    ...fields,
    id,
    images: images.map((i) => {
      const image = stored.get(imagePublicId(spec.sku, i.position))!;
      return { publicId: image.publicId, url: image.url, width: image.width, height: image.height, alt: i.alt, position: i.position };
    }),
    updatedAt: now,
  });
}
