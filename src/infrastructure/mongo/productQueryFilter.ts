import type { Filter, Sort } from "mongodb";
import { SORT_ORDER, type Position, type ProductFilters, type ProductSort } from "../../domain/catalog/ProductQuery.js";
import type { ProductDocument } from "./productMapper.js";

const FIELD = { createdAt: "createdAt", price: "price.amount", name: "name" } as const;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

export function sortFor(sort: ProductSort): Sort {
  const { field, direction } = SORT_ORDER[sort];
  return { [FIELD[field]]: direction, _id: direction };
}

/** Filters, plus the keyset condition "strictly after (key, id) in this order": pages cost the same at any depth. */
export function filterFor(f: ProductFilters, sort: ProductSort, after?: Position): Filter<ProductDocument> {
  const and: Filter<ProductDocument>[] = [];
  if (f.category !== undefined) and.push({ category: f.category });
  if (f.minPrice !== undefined) and.push({ "price.amount": { $gte: f.minPrice } });
  if (f.maxPrice !== undefined) and.push({ "price.amount": { $lte: f.maxPrice } });
  if (f.inStock !== undefined) and.push(f.inStock ? { stock: { $gt: 0 } } : { stock: { $lte: 0 } });
  for (const term of f.terms ?? []) {
    const regex = { $regex: escapeRegex(term), $options: "i" };
    and.push({ $or: [{ name: regex }, { description: regex }, { tags: regex }] });
  }
  if (after) {
    const { field, direction } = SORT_ORDER[sort];
    const op = direction === 1 ? "$gt" : "$lt";
    const key = field === "createdAt" ? new Date(after.key) : after.key;
    const path = FIELD[field];
    and.push({ $or: [{ [path]: { [op]: key } }, { [path]: key, _id: { [op]: after.id } }] } as Filter<ProductDocument>);
  }
  return and.length ? { $and: and } : {};
}
