import { ProductNotFound } from "../../domain/catalog/ProductErrors.js";
import type { ProductRepository } from "../../domain/catalog/ProductRepository.js";
import type { ImageVariants } from "../ports/ImageVariants.js";
import { toProductView, type ProductView } from "./ProductView.js";

export interface GetProductInput {
  /** A product id or its slug; ids are tried first. */
  idOrSlug: string;
}

export type GetProductError = ProductNotFound;

export class GetProduct {
  constructor(
    private readonly products: ProductRepository,
    private readonly variants: ImageVariants,
  ) {}

  async execute(input: GetProductInput): Promise<ProductView> {
    const product = (await this.products.findById(input.idOrSlug)) ?? (await this.products.findBySlug(input.idOrSlug));
    if (!product) throw new ProductNotFound();
    return toProductView(product, this.variants);
  }
}
