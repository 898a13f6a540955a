import type { Product } from "../../domain/catalog/Product.js";
import { SORT_ORDER, sortKeyOf, type Position, type ProductFilters, type ProductSort, type SortKey } from "../../domain/catalog/ProductQuery.js";

export function matches(p: Product, f: ProductFilters): boolean {
  if (f.category !== undefined && p.category !== f.category) return false;
  if (f.minPrice !== undefined && p.price.amount < f.minPrice) return false;
  if (f.maxPrice !== undefined && p.price.amount > f.maxPrice) return false;
  if (f.inStock !== undefined && p.stock > 0 !== f.inStock) return false;
  if (f.terms?.length) {
    const haystacks = [p.name, p.description, ...p.tags].map((s) => s.toLowerCase());
    return f.terms.every((term) => haystacks.some((h) => h.includes(term)));
  }
  return true;
}

// Plain code-unit comparison, the same total order MongoDB's default (binary) collation gives for these strings.
const compareKeys = (a: SortKey, b: SortKey) => (a < b ? -1 : a > b ? 1 : 0);

export function comparePositions(a: Position, b: Position, sort: ProductSort): number {
  const primary = compareKeys(a.key, b.key) || compareKeys(a.id, b.id);
  return primary * SORT_ORDER[sort].direction;
}

export const positionOf = (p: Product, sort: ProductSort): Position => ({ key: sortKeyOf(p, sort), id: p.id });
