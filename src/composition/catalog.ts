import { join } from "node:path";
import { instanceCachingFactory, type DependencyContainer, type InjectionToken } from "./container.js";
import { GetProduct } from "../application/catalog/GetProduct.js";
import { ListProducts } from "../application/catalog/ListProducts.js";
import { ProductViews } from "../application/catalog/views/ProductViews.js";
import type { CatalogConfig } from "../infrastructure/config/catalogConfig.js";
import { JsonFileProductRepository } from "../infrastructure/files/JsonFileProductRepository.js";
import { LocalImageStorage } from "../infrastructure/files/LocalImageStorage.js";
import { UrlImageVariants } from "../infrastructure/images/UrlImageVariants.js";
import { MongoProductRepository } from "../infrastructure/mongo/MongoProductRepository.js";
import type { FeatureModule } from "./runtime.js";
import { IMAGE_VARIANTS, MEDIA_FILES, PRODUCTS } from "./tokens.js";

/** Where the catalog keeps its files under CATALOG_DATA_DIR. */
export const catalogPaths = (c: CatalogConfig) => ({
  dataset: join(c.dataDir, "dataset"),
  media: join(c.dataDir, "media"),
  snapshot: join(c.dataDir, "products.json"),
  journal: (storageKey: string) => join(c.dataDir, `import-journal.${storageKey}.jsonl`),
});

/** The catalog's read use-cases; the import is built apart (see catalogImport.ts), since only the CLI and the seed run it. */
export function catalogUseCases(c: DependencyContainer) {
  const views = new ProductViews(c.resolve(IMAGE_VARIANTS));
  const products = c.resolve(PRODUCTS);
  return {
    listProducts: new ListProducts(products, views),
    getProduct: new GetProduct(products, views),
  };
}

export type Catalog = ReturnType<typeof catalogUseCases>;
export const CATALOG: InjectionToken<Catalog> = Symbol("Catalog");

/** Products in MongoDB when configured, else the JSON snapshot the embedded default (and a Mongo-less import) writes. */
export const catalogModule: FeatureModule = async (c, { config, mongo, uses }) => {
  const paths = catalogPaths(config.catalog);
  const db = await mongo();
  if (db) {
    const products = new MongoProductRepository(db);
    await products.ensureIndexes();
    c.register(PRODUCTS, { useValue: products });
    uses("catalog: MongoDB");
  } else {
    c.register(PRODUCTS, { useValue: new JsonFileProductRepository(paths.snapshot) });
    uses(`catalog: JSON snapshot (${paths.snapshot})`);
  }
  c.register(IMAGE_VARIANTS, { useValue: new UrlImageVariants() });
  c.register(MEDIA_FILES, { useValue: new LocalImageStorage(paths.media) });
  c.register(CATALOG, { useFactory: instanceCachingFactory(catalogUseCases) });
};
