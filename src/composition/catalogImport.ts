import type { DependencyContainer } from "./container.js";
import { ImportProducts } from "../application/catalog/ImportProducts/ImportProducts.js";
import type { ImageStorage } from "../application/ports/ImageStorage.js";
import type { ImportJournal } from "../application/ports/ImportJournal.js";
import type { ImportProgress } from "../application/ports/ImportProgress.js";
import { CloudinaryImageStorage } from "../infrastructure/cloudinary/CloudinaryImageStorage.js";
import type { CatalogConfig } from "../infrastructure/config/catalogConfig.js";
import { DatasetProductSource } from "../infrastructure/dataset/DatasetProductSource.js";
import { FileImportJournal } from "../infrastructure/files/FileImportJournal.js";
import { LocalImageStorage } from "../infrastructure/files/LocalImageStorage.js";
import { RetryingImageStorage, type RetryPolicy } from "../infrastructure/images/RetryingImageStorage.js";
import { catalogPaths } from "./catalog.js";
import { CLOCK, CONFIG, IDS, PRODUCTS } from "./tokens.js";

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
    const { cloudName, apiKey, apiSecret, uploadPrefix, delivery, folder, timeoutMs } = c.cloudinary;
    const cloudinary = new CloudinaryImageStorage({ cloudName, apiKey, apiSecret, uploadPrefix, delivery, rootFolder: folder, timeoutMs });
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

/** The import use-case over the runtime's product repository, clock and ids, from the dataset on disk. */
export function newImport(c: DependencyContainer, parts: { images: ImageStorage; journal: ImportJournal; progress: ImportProgress }): ImportProducts {
  return new ImportProducts({
    source: new DatasetProductSource(catalogPaths(c.resolve(CONFIG).catalog).dataset),
    products: c.resolve(PRODUCTS),
    ids: c.resolve(IDS),
    clock: c.resolve(CLOCK),
    ...parts,
  });
}
