import { join } from "node:path";
import type { Db } from "mongodb";
import type { ImageStorage } from "./application/ports/ImageStorage.js";
import type { ImageVariants } from "./application/ports/ImageVariants.js";
import type { ImportJournal } from "./application/ports/ImportJournal.js";
import type { MediaFiles } from "./application/ports/MediaFiles.js";
import type { ProductRepository } from "./domain/catalog/ProductRepository.js";
import { CloudinaryImageStorage } from "./infrastructure/cloudinary/CloudinaryImageStorage.js";
import type { CatalogConfig } from "./infrastructure/config/catalogConfig.js";
import { FileImportJournal } from "./infrastructure/files/FileImportJournal.js";
import { JsonFileProductRepository } from "./infrastructure/files/JsonFileProductRepository.js";
import { RetryingImageStorage, type RetryPolicy } from "./infrastructure/imports/RetryingImageStorage.js";
import { LocalImageStorage } from "./infrastructure/local-files/LocalImageStorage.js";
import { UrlImageVariants } from "./infrastructure/local-files/UrlImageVariants.js";
import { MongoProductRepository } from "./infrastructure/mongo/MongoProductRepository.js";

/** Where the catalog keeps its files under CATALOG_DATA_DIR. */
export const catalogPaths = (c: CatalogConfig) => ({
  dataset: join(c.dataDir, "dataset"),
  media: join(c.dataDir, "media"),
  snapshot: join(c.dataDir, "products.json"),
  journal: (storageKey: string) => join(c.dataDir, `import-journal.${storageKey}.jsonl`),
});

export interface CatalogReadAdapters {
  products: ProductRepository;
  variants: ImageVariants;
  media: MediaFiles;
  label: string;
}

/** MongoDB when configured, else the JSON snapshot the embedded default (and a Mongo-less import) writes. */
export async function catalogReadAdapters(c: CatalogConfig, db: Db | null): Promise<CatalogReadAdapters> {
  const paths = catalogPaths(c);
  const media = new LocalImageStorage(paths.media);
  if (db) {
    const products = new MongoProductRepository(db);
    await products.ensureIndexes();
    return { products, variants: new UrlImageVariants(), media, label: "catalog: MongoDB" };
  }
  return { products: new JsonFileProductRepository(paths.snapshot), variants: new UrlImageVariants(), media, label: `catalog: JSON snapshot (${paths.snapshot})` };
}

export interface ImportTarget {
  storage: ImageStorage;
  journal: ImportJournal;
  journalFile: string;
  label: string;
  close(): void;
}

/** Cloudinary when CLOUDINARY_URL is set, else local files; either way with retries and a journal of its own. */
export function importTarget(c: CatalogConfig, onRetry?: RetryPolicy["onRetry"]): ImportTarget {
  const paths = catalogPaths(c);
  const policy: RetryPolicy = { retries: c.import.retries, minDelayMs: c.import.minDelayMs, maxDelayMs: c.import.maxDelayMs, onRetry };
  if (c.cloudinary) {
    const { cloudName, apiKey, apiSecret, uploadPrefix, folder, timeoutMs } = c.cloudinary;
    const cloudinary = new CloudinaryImageStorage({ cloudName, apiKey, apiSecret, uploadPrefix, rootFolder: folder, timeoutMs });
    // One journal per cloud and endpoint: what is stored on one says nothing about another.
    const endpoint = (uploadPrefix ?? "api").replace(/[^a-z0-9]+/giu, "-");
    const journalFile = paths.journal(`cloudinary-${cloudName}-${endpoint}`);
    return {
      storage: new RetryingImageStorage(cloudinary, policy),
      journal: new FileImportJournal(journalFile),
      journalFile,
      label: `Cloudinary (cloud ${cloudName}${uploadPrefix ? ` via ${uploadPrefix}` : ""})`,
      close: () => cloudinary.close(),
    };
  }
  const journalFile = paths.journal("local");
  return {
    storage: new RetryingImageStorage(new LocalImageStorage(paths.media), policy),
    journal: new FileImportJournal(journalFile),
    journalFile,
    label: `local files (${paths.media})`,
    close: () => undefined,
  };
}
