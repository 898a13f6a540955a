import type { Product } from "./Product.js";
import type { ProductListQuery } from "./ProductQuery.js";

export interface UpsertResult {
  inserted: number;
  updated: number;
}

/**
 * Products handed out are never changed afterwards, by the repository or by their readers: an update stores a new
 * product. Readers may therefore keep what they derived from a product for as long as they get the same one back.
 */
export interface ProductRepository {
  /**
   * Inserts or replaces each product by `sku`. An existing product keeps its id and createdAt,
   * so running the same import twice changes nothing but updatedAt.
   */
  upsertMany(products: Product[]): Promise<UpsertResult>;
  findById(id: string): Promise<Product | null>;
  findBySlug(slug: string): Promise<Product | null>;
  /**
   * Up to `limit` products matching the filters, in the sort order with ties broken by id
   * (same direction as the sort), strictly after `after` when given.
   */
  list(query: ProductListQuery): Promise<Product[]>;
  count(): Promise<number>;
}
