import { GetProduct } from "../../src/application/catalog/GetProduct.js";
import { ListProducts } from "../../src/application/catalog/ListProducts.js";
import { ProductViews } from "../../src/application/catalog/ProductViews.js";
import { InMemoryProductRepository } from "../../src/infrastructure/memory/InMemoryProductRepository.js";
import { UrlImageVariants } from "../../src/infrastructure/local-files/UrlImageVariants.js";

/** The read side of the catalog over real in-memory adapters. */
export function catalogKit() {
  const products = new InMemoryProductRepository();
  const views = new ProductViews(new UrlImageVariants());
  return { products, listProducts: new ListProducts(products, views), getProduct: new GetProduct(products, views) };
}
