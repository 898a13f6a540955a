import type { Product } from "../../domain/catalog/Product.js";
import { SlugTaken } from "../../domain/catalog/ProductErrors.js";
import type { ProductListQuery } from "../../domain/catalog/ProductQuery.js";
import type { ProductRepository, UpsertResult } from "../../domain/catalog/ProductRepository.js";
import { comparePositions, matches, positionOf } from "./productMatching.js";

/** A real implementation of the port (same contract tests as MongoDB); stores copies so callers cannot mutate it. */
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
      const product = existing ? { ...structuredClone(incoming), id: existing.id, createdAt: existing.createdAt } : structuredClone(incoming);
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
    return product ? structuredClone(product) : null;
  }

  async findBySlug(slug: string): Promise<Product | null> {
    const id = this.#idBySlug.get(slug);
    return id === undefined ? null : this.findById(id);
  }

  async list({ filters, sort, limit, after }: ProductListQuery): Promise<Product[]> {
    return [...this.#byId.values()]
      .filter((p) => matches(p, filters) && (!after || comparePositions(positionOf(p, sort), after, sort) > 0))
      .sort((a, b) => comparePositions(positionOf(a, sort), positionOf(b, sort), sort))
      .slice(0, limit)
      .map((p) => structuredClone(p));
  }

  async count(): Promise<number> {
    return this.#byId.size;
  }
}
