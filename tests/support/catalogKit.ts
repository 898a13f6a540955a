import { container } from "../../src/composition/container.js";
import { catalogUseCases } from "../../src/composition/catalog.js";
import { IMAGE_VARIANTS, PRODUCTS } from "../../src/composition/tokens.js";
import { UrlImageVariants } from "../../src/infrastructure/images/UrlImageVariants.js";
import { InMemoryProductRepository } from "../../src/infrastructure/memory/InMemoryProductRepository.js";

/** The read side of the catalog over real in-memory adapters, wired as the app wires it. */
export function catalogKit() {
  const products = new InMemoryProductRepository();
  const c = container.createChildContainer();
  c.register(PRODUCTS, { useValue: products });
  c.register(IMAGE_VARIANTS, { useValue: new UrlImageVariants() });
  return { products, ...catalogUseCases(c) };
}
