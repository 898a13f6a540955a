import { searchTerms, sortKeyOf, type ProductFilters, type ProductSort } from "../../domain/catalog/ProductQuery.js";
import type { InvalidCursor } from "../../domain/catalog/ProductErrors.js";
import type { ProductRepository } from "../../domain/catalog/ProductRepository.js";
import { canonicalFilters, positionFrom, type ProductCursor } from "./views/ProductCursor.js";
import type { ProductView } from "./views/ProductView.js";
import type { ProductViews } from "./views/ProductViews.js";

export interface ListProductsInput {
  category?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: boolean | undefined;
  q?: string | undefined;
  sort: ProductSort;
  limit: number;
  cursor?: ProductCursor | undefined;
}

export interface ProductPage {
  items: ProductView[];
  /** Null on the last page. */
  nextCursor: ProductCursor | null;
}

export type ListProductsError = InvalidCursor;

export class ListProducts {
  constructor(
    private readonly products: ProductRepository,
    private readonly views: ProductViews,
  ) {}

  async execute(input: ListProductsInput): Promise<ProductPage> {
    const filters: ProductFilters = {
      category: input.category,
      minPrice: input.minPrice,
      maxPrice: input.maxPrice,
      inStock: input.inStock,
      terms: input.q ? searchTerms(input.q) : undefined,
    };
    if (filters.terms?.length === 0) filters.terms = undefined;
    const after = input.cursor ? positionFrom(input.cursor, input.sort, filters) : undefined;
    // One extra row tells whether another page exists, so the last page never carries a dead cursor.
    const rows = await this.products.list({ filters, sort: input.sort, limit: input.limit + 1, after });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > input.limit && last
        ? { sort: input.sort, filters: canonicalFilters(filters), key: sortKeyOf(last, input.sort), id: last.id }
        : null;
    return { items: page.map((p) => this.views.of(p)), nextCursor };
  }
}
