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
import { QueuedUploadScheduler } from "../infrastructure/images/QueuedUploadScheduler.js";
import { catalogPaths } from "./catalog.js";
import { CLOCK, CONFIG, IDS, PRODUCTS } from "./tokens.js";

export interface ImportTarget {
  storage: ImageStorage;
  journal: ImportJournal;
  journalFile: string;
  label: string;
  close(): void;
}

/** Cloudinary when CLOUDINARY_URL is set, else local files; either way with a journal of its own. */
export function importTarget(c: CatalogConfig): ImportTarget {
  const paths = catalogPaths(c);
  if (c.cloudinary) {
    const { cloudName, apiKey, apiSecret, uploadPrefix, delivery, folder, timeoutMs } = c.cloudinary;
    const cloudinary = new CloudinaryImageStorage({ cloudName, apiKey, apiSecret, uploadPrefix, delivery, rootFolder: folder, timeoutMs });
    // One journal per cloud and endpoint: what is stored on one says nothing about another.
    const endpoint = (uploadPrefix ?? "api").replace(/[^a-z0-9]+/giu, "-");
    const journalFile = paths.journal(`cloudinary-${cloudName}-${endpoint}`);
    return {
      storage: cloudinary,
      journal: new FileImportJournal(journalFile),
      journalFile,
      label: `Cloudinary (cloud ${cloudName}${uploadPrefix ? ` via ${uploadPrefix}` : ""})`,
      close: () => cloudinary.close(),
    };
  }
  const journalFile = paths.journal("local");
  return {
    storage: new LocalImageStorage(paths.media),
    journal: new FileImportJournal(journalFile),
    journalFile,
    label: `local files (${paths.media})`,
    close: () => undefined,
  };
}

/**
 * The import use-case over the runtime's product repository, clock and ids, from the dataset on disk, its uploads
 * retried as IMPORT_RETRIES and IMPORT_RETRY_*_DELAY_MS say.
 */
export function newImport(c: DependencyContainer, parts: { images: ImageStorage; journal: ImportJournal; progress: ImportProgress }): ImportProducts {
  const catalog = c.resolve(CONFIG).catalog;
  const { retries, minDelayMs, maxDelayMs } = catalog.import;
  return new ImportProducts({
    source: new DatasetProductSource(catalogPaths(catalog).dataset),
    scheduler: new QueuedUploadScheduler({ retries, minDelayMs, maxDelayMs }),
    products: c.resolve(PRODUCTS),
    ids: c.resolve(IDS),
    clock: c.resolve(CLOCK),
    ...parts,
  });
}
