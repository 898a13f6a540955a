import type { Product } from "../../domain/catalog/Product.js";
import { SlugTaken } from "../../domain/catalog/ProductErrors.js";
import { deepFreeze } from "../../domain/shared/deepFreeze.js";
import type { Position, ProductListQuery, ProductSort } from "../../domain/catalog/ProductQuery.js";
import type { ProductRepository, UpsertResult } from "../../domain/catalog/ProductRepository.js";
import { comparePositions, matches, positionOf } from "./productMatching.js";

interface Entry {
  product: Product;
  position: Position;
}

/**
 * A real implementation of the port (same contract tests as MongoDB). Stored products are deep-frozen copies, so
 * reads hand them out without cloning (a clone per product was most of a page's cost); only the mutable Dates are
 * copied on the way out. Like MongoDB's indexes, one sorted array per sort order (built on first use after a
 * write) turns a page into a binary search and a short scan instead of sorting the whole catalog per request.
 */
export class InMemoryProductRepository implements ProductRepository {
  readonly #byId = new Map<string, Product>();
  readonly #idBySku = new Map<string, string>();
  readonly #idBySlug = new Map<string, string>();
  readonly #sorted = new Map<ProductSort, Entry[]>();

  async upsertMany(products: Product[]): Promise<UpsertResult> {
    // Before any write: a batch that fails half-way (like MongoDB's ordered bulk write) keeps what it wrote.
    this.#sorted.clear();
    const result = { inserted: 0, updated: 0 };
    for (const incoming of products) {
      const existingId = this.#idBySku.get(incoming.sku);
      const existing = existingId === undefined ? undefined : this.#byId.get(existingId);
      const slugOwner = this.#idBySlug.get(incoming.slug);
      if (slugOwner !== undefined && slugOwner !== existing?.id) throw new SlugTaken(incoming.slug);
      const copy = structuredClone(incoming);
      const product = deepFreeze(existing ? { ...copy, id: existing.id, createdAt: new Date(existing.createdAt) } : copy);
      if (existing && existing.slug !== product.slug) this.#idBySlug.delete(existing.slug);
      this.#byId.set(product.id, product);
      this.#idBySku.set(product.sku, product.id);
      this.#idBySlug.set(product.slug, product.id);
      result[existing ? "updated" : "inserted"]++;
    }
    return result;
  }

  async findById(id: string): Promise<Product | null> {
    const product = this.#byId.get(id);
    return product ? withOwnDates(product) : null;
  }

  async findBySlug(slug: string): Promise<Product | null> {
    const id = this.#idBySlug.get(slug);
    return id === undefined ? null : this.findById(id);
  }

  async list({ filters, sort, limit, after }: ProductListQuery): Promise<Product[]> {
    const index = this.#index(sort);
    const page: Product[] = [];
    for (let i = after ? firstAfter(index, after, sort) : 0; i < index.length && page.length < limit; i++) {
      const { product } = index[i]!;
      if (matches(product, filters)) page.push(withOwnDates(product));
    }
    return page;
  }

  #index(sort: ProductSort): Entry[] {
    let index = this.#sorted.get(sort);
    if (!index) {
      index = [...this.#byId.values()].map((product) => ({ product, position: positionOf(product, sort) }));
      index.sort((a, b) => comparePositions(a.position, b.position, sort));
      this.#sorted.set(sort, index);
    }
    return index;
  }

  async count(): Promise<number> {
    return this.#byId.size;
  }
}

/** The first entry strictly after `after` in this sort order. */
function firstAfter(index: Entry[], after: Position, sort: ProductSort): number {
  let [low, high] = [0, index.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comparePositions(index[mid]!.position, after, sort) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Date objects stay mutable even when frozen (setTime), so each reader gets its own. */
function withOwnDates(p: Product): Product {
  return { ...p, createdAt: new Date(p.createdAt), updatedAt: new Date(p.updatedAt) };
}
