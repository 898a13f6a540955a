import type { Product } from "./Product.js";

export const PRODUCT_SORTS = ["newest", "price_asc", "price_desc", "name"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface ProductFilters {
  category?: string | undefined;
  /** Inclusive bounds, in minor units. */
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: boolean | undefined;
  /** Lower-cased terms; a product matches when every term is in its name, description or a tag. */
  terms?: string[] | undefined;
}

export type SortKey = number | string;

/** A position in one sort order: the sort key of the last product seen and its id, the tie-break. */
export interface Position {
  key: SortKey;
  id: string;
}

export interface ProductListQuery {
  filters: ProductFilters;
  sort: ProductSort;
  limit: number;
  after?: Position | undefined;
}

export const SORT_ORDER: Record<ProductSort, { field: "createdAt" | "price" | "name"; direction: 1 | -1 }> = {
  newest: { field: "createdAt", direction: -1 },
  price_asc: { field: "price", direction: 1 },
  price_desc: { field: "price", direction: -1 },
  name: { field: "name", direction: 1 },
};

export function sortKeyOf(product: Product, sort: ProductSort): SortKey {
  const { field } = SORT_ORDER[sort];
  if (field === "createdAt") return product.createdAt.getTime();
  if (field === "price") return product.price.amount;
  return product.name;
}

export function searchTerms(q: string): string[] {
  return [...new Set(q.normalize("NFC").toLowerCase().split(/\s+/u).filter(Boolean))];
}
