import { DomainError } from "../shared/DomainError.js";

export class ProductNotFound extends DomainError {
  readonly code = "PRODUCT_NOT_FOUND";
  constructor() {
    super("Product not found");
  }
}

export class InvalidProduct extends DomainError {
  readonly code = "INVALID_PRODUCT";
}

/** A cursor from another sort or filter set: following it would skip or repeat products. */
export class InvalidCursor extends DomainError {
  readonly code = "INVALID_CURSOR";
  constructor(reason: string) {
    super(`Invalid cursor: ${reason}`);
  }
}

/** Slugs are unique: two products (two skus) may not share one. Writes before the offending product stay applied. */
export class SlugTaken extends DomainError {
  readonly code = "SLUG_TAKEN";
  constructor(slug: string) {
    super(`Slug "${slug}" already belongs to another product`);
  }
}
