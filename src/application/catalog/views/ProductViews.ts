import type { Product } from "../../../domain/catalog/Product.js";
import { deepFreeze } from "../../../domain/shared/deepFreeze.js";
import type { ImageVariants } from "../../ports/ImageVariants.js";
import { toProductView, type ProductView } from "./ProductView.js";

interface Cached {
  source: Product;
  view: ProductView;
}

/**
 * A view is a pure function of its product, so it is built once and reused for as long as the product read back
 * is the same: every top-level field equal, nested objects (price, tags, images) by reference, which holds because
 * a repository never changes an object it has handed out. Repositories that keep products in memory return the same
 * frozen nested objects on every read, so a page of cached views costs a few comparisons instead of ~100 object
 * and URL builds; those that build fresh objects per read (MongoDB) always miss and pay what they paid before.
 * Keyed weakly by the images array, so a view is collected together with the product it was made from.
 */
export class ProductViews {
  readonly #cache = new WeakMap<object, Cached>();

  constructor(private readonly variants: ImageVariants) {}

  of(product: Product): ProductView {
    const cached = this.#cache.get(product.images);
    if (cached && sameProduct(cached.source, product)) return cached.view;
    // Shared between responses, so nobody may change one.
    const view = deepFreeze(toProductView(product, this.variants));
    this.#cache.set(product.images, { source: product, view });
    return view;
  }
}

function sameProduct(a: Product, b: Product): boolean {
  const keys = Object.keys(a) as Array<keyof Product>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const [x, y] = [a[k], b[k]];
    return x === y || (x instanceof Date && y instanceof Date && x.getTime() === y.getTime());
  });
}
