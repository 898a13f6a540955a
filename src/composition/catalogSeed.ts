import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ImportProgress } from "../application/ports/ImportProgress.js";
import { LocalImageStorage } from "../infrastructure/files/LocalImageStorage.js";
import type { Logger } from "../infrastructure/logging/logger.js";
import { InMemoryImportJournal } from "../infrastructure/memory/InMemoryImportJournal.js";
import { catalogPaths } from "./catalog.js";
import { newImport } from "./catalogImport.js";
import type { Runtime } from "./runtime.js";
import { CONFIG, PRODUCTS } from "./tokens.js";

/**
 * First start of the embedded default: render the dataset (reused when already on disk) and import it
 * with locally stored images, so the API is browsable without any account or service.
 */
export async function seedCatalogIfEmpty(runtime: Runtime, logger: Logger): Promise<void> {
  const c = runtime.container.resolve(CONFIG).catalog;
  const products = runtime.container.resolve(PRODUCTS);
  const paths = catalogPaths(c);
  // Present while a seed runs: a start interrupted mid-seed resumes it instead of keeping half a catalog.
  const marker = join(c.dataDir, ".seeding");
  const existing = await products.count();
  const interrupted = existsSync(marker);
  if (!c.seedOnStart || (existing > 0 && !interrupted)) {
    logger.info({ products: existing }, `catalog: ${existing} products`);
    return;
  }
  if (c.cloudinary) {
    logger.warn("catalog is empty: run `npm run dataset && npm run import:products` to upload it to Cloudinary");
    return;
  }
  const started = Date.now();
  await mkdir(c.dataDir, { recursive: true });
  await writeFile(marker, new Date().toISOString());
  logger.info({ dir: paths.dataset }, `catalog ${interrupted ? "seed was interrupted: resuming" : "is empty: seeding"} ${c.dataset.products} products with local images`);
  const every = (n: number) => (done: number, total: number) => (done % n === 0 || done === total) && logger.info(`catalog seed: dataset images ${done}/${total}`);
  // Loaded only when seeding: faker and the renderer are not needed on an ordinary start.
  const { generateDataset } = await import("../infrastructure/dataset/generateDataset.js");
  await generateDataset({ dir: paths.dataset, seed: c.dataset.seed, count: c.dataset.products, imageSize: c.dataset.imageSize, onProgress: every(1000) });
  const summary = await newImport(runtime.container, {
    images: new LocalImageStorage(paths.media),
    journal: new InMemoryImportJournal(),
    progress: logProgress(logger),
  }).execute({ concurrency: 16, dryRun: false });
  if (summary.failures.length === 0) await rm(marker, { force: true });
  const level = summary.failures.length ? "error" : "info";
  logger[level](
    { products: summary.products.written, images: summary.images, failures: summary.failures.slice(0, 10), ms: Date.now() - started },
    `catalog seeded: ${summary.products.written} products in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

function logProgress(logger: Logger): ImportProgress {
  let done = 0;
  let total = 0;
  return {
    start: (n) => void (total = n),
    advance: () => {
      done++;
      if (done % 1000 === 0 || done === total) logger.info(`catalog seed: stored images ${done}/${total}`);
    },
    paused: (seconds, reason) => logger.warn(`catalog seed: paused (${reason}) for ${seconds} s`),
    resumed: () => undefined,
    stop: () => undefined,
  };
}
