import type { Product } from "../../domain/catalog/Product.js";
import { SlugTaken } from "../../domain/catalog/ProductErrors.js";
import type { Position, ProductListQuery } from "../../domain/catalog/ProductQuery.js";
import type { ProductRepository, UpsertResult } from "../../domain/catalog/ProductRepository.js";
import { comparePositions, matches, positionOf } from "./productMatching.js";

/**
 * A real implementation of the port (same contract tests as MongoDB). Stored products are deep-frozen copies, so
 * reads hand them out without cloning (a clone per product was most of a page's cost); only the mutable Dates are
 * copied on the way out.
 */
export class InMemoryProductRepository implements ProductRepository {
  readonly #byId = new Map<string, Product>();
  readonly #idBySku = new Map<string, string>();
  readonly #idBySlug = new Map<string, string>();

  async upsertMany(products: Product[]): Promise<UpsertResult> {
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
    // Each product's position is computed once, not once per comparison of the sort.
    const candidates: Array<{ product: Product; position: Position }> = [];
    for (const product of this.#byId.values()) {
      if (!matches(product, filters)) continue;
      const position = positionOf(product, sort);
      if (!after || comparePositions(position, after, sort) > 0) candidates.push({ product, position });
    }
    return candidates
      .sort((a, b) => comparePositions(a.position, b.position, sort))
      .slice(0, limit)
      .map((c) => withOwnDates(c.product));
  }

  async count(): Promise<number> {
    return this.#byId.size;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Date objects stay mutable even when frozen (setTime), so each reader gets its own. */
function withOwnDates(p: Product): Product {
  return { ...p, createdAt: new Date(p.createdAt), updatedAt: new Date(p.updatedAt) };
}
