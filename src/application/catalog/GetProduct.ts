import { ProductNotFound } from "../../domain/catalog/ProductErrors.js";
import type { ProductRepository } from "../../domain/catalog/ProductRepository.js";
import type { ProductView } from "./views/ProductView.js";
import type { ProductViews } from "./views/ProductViews.js";

export interface GetProductInput {
  /** A product id or its slug; ids are tried first. */
  idOrSlug: string;
}

export type GetProductError = ProductNotFound;

export class GetProduct {
  constructor(
    private readonly products: ProductRepository,
    private readonly views: ProductViews,
  ) {}

  async execute(input: GetProductInput): Promise<ProductView> {
    const product = (await this.products.findById(input.idOrSlug)) ?? (await this.products.findBySlug(input.idOrSlug));
    if (!product) throw new ProductNotFound();
    return this.views.of(product);
  }
}
