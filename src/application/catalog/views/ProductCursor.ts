import { InvalidCursor } from "../../../domain/catalog/ProductErrors.js";
import type { Position, ProductFilters, ProductSort } from "../../../domain/catalog/ProductQuery.js";

/** Where a page ended, and the exact sort and filters it belongs to. Transport encoding is the edge's business. */
export interface ProductCursor extends Position {
  sort: ProductSort;
  /** The filters the cursor was issued for, in canonical form. */
  filters: string;
}

export function canonicalFilters(f: ProductFilters): string {
  return JSON.stringify([f.category ?? null, f.minPrice ?? null, f.maxPrice ?? null, f.inStock ?? null, f.terms ?? []]);
}

/** A cursor replayed against another sort or filter set would silently skip or repeat products: refuse it. */
export function positionFrom(cursor: ProductCursor, sort: ProductSort, filters: ProductFilters): Position {
  if (cursor.sort !== sort) throw new InvalidCursor(`it belongs to sort=${cursor.sort}`);
  if (cursor.filters !== canonicalFilters(filters)) throw new InvalidCursor("it belongs to other filters");
  const keyType = sort === "name" ? "string" : "number";
  if (typeof cursor.key !== keyType) throw new InvalidCursor("its position does not fit the sort");
  return { key: cursor.key, id: cursor.id };
}
