import type { Product } from "../../../domain/catalog/Product.js";
import type { ProductRepository } from "../../../domain/catalog/ProductRepository.js";
import type { Clock } from "../../ports/Clock.js";
import type { IdGenerator } from "../../ports/IdGenerator.js";
import type { ImageStorage, StoredImage } from "../../ports/ImageStorage.js";
import type { ImportJournal } from "../../ports/ImportJournal.js";
import type { ImageOutcome, ImportProgress } from "../../ports/ImportProgress.js";
import type { ProductSource, ProductSpec } from "../../ports/ProductSource.js";
import type { UploadRun, UploadScheduler } from "../../ports/UploadScheduler.js";
import { emptySummary, failureReason, finishSummary, type ImportSummary } from "./ImportSummary.js";
import { imagePublicId, imageTasks, productFromSpec, type ImageTask } from "./productImages.js";

export interface ImportProductsInput {
  /** Only the first N products of the dataset. */
  limit?: number | undefined;
  concurrency: number;
  /** Count what would be uploaded; upload and write nothing. */
  dryRun: boolean;
}

export interface ImportProductsDeps {
  source: ProductSource;
  images: ImageStorage;
  /** Bounds uploads in flight and retries transient failures without holding a slot. */
  scheduler: UploadScheduler;
  products: ProductRepository;
  journal: ImportJournal;
  progress: ImportProgress;
  ids: IdGenerator;
  clock: Clock;
}

const WRITE_BATCH = 100;

/**
 * Stores every product's images, then writes each product once all its images are stored.
 * Resumable: stored images are journaled, public ids are deterministic and products are upserted by sku.
 */
export class ImportProducts {
  constructor(private readonly d: ImportProductsDeps) {}

  async execute(input: ImportProductsInput): Promise<ImportSummary> {
    const started = this.d.clock.now().getTime();
    const specs = (await this.d.source.load()).slice(0, input.limit ?? undefined);
    const journal = await this.d.journal.load();
    const tasks = imageTasks(specs);
    const s = emptySummary(input.dryRun, specs.length, tasks.length);
    const stored = new Map<string, StoredImage>();
    const waiting = new Map(specs.map((spec) => [spec.sku, spec.images.length]));
    let batch: ProductSpec[] = [];
    let writes = Promise.resolve();
    const flush = () => {
      const specsToWrite = batch;
      batch = [];
      if (specsToWrite.length > 0 && !input.dryRun) writes = writes.then(() => this.write(specsToWrite, stored, s));
    };

    const reason = `rate limited by ${this.d.images.name}`;
    const uploads = this.d.scheduler.open(input.concurrency, {
      paused: (seconds) => this.d.progress.paused(seconds, reason),
      resumed: () => this.d.progress.resumed(),
    });
    this.d.progress.start(tasks.length);
    try {
      // Every task is handed over at once: the scheduler, not this loop, decides when each upload starts.
      await Promise.all(tasks.map(async (task) => {
        const outcome = await this.store(task, uploads, journal, stored, input.dryRun, s);
        s.images[outcome]++;
        this.d.progress.advance(outcome);
        const left = waiting.get(task.spec.sku)! - 1;
        waiting.set(task.spec.sku, left);
        if (left === 0 && task.spec.images.every((i) => stored.has(imagePublicId(task.spec.sku, i.position)))) batch.push(task.spec);
        if (batch.length >= WRITE_BATCH) flush();
      }));
      flush();
      await writes;
    } finally {
      uploads.close();
      this.d.progress.stop();
      await this.d.journal.close();
    }
    return finishSummary(s, uploads.report(), this.d.clock.now().getTime() - started);
  }

  private async store(task: ImageTask, uploads: UploadRun, journal: Map<string, StoredImage>, stored: Map<string, StoredImage>, dryRun: boolean, s: ImportSummary): Promise<ImageOutcome> {
    const known = journal.get(task.publicId);
    if (known) {
      stored.set(task.publicId, known);
      return "skipped";
    }
    if (dryRun) return "pending";
    try {
      const { image, existed } = await uploads.run(() => this.d.images.upload({ publicId: task.publicId, folder: task.folder, file: task.file }));
      await this.d.journal.record(task.publicId, image);
      stored.set(task.publicId, image);
      return existed ? "skipped" : "uploaded";
    } catch (error) {
      s.failures.push({ target: task.publicId, reason: failureReason(error) });
      return "failed";
    }
  }

  private async write(specs: ProductSpec[], stored: Map<string, StoredImage>, s: ImportSummary): Promise<void> {
    const now = this.d.clock.now();
    const products: Product[] = [];
    for (const spec of specs) {
      try {
        products.push(productFromSpec(spec, stored, this.d.ids.next(), now));
      } catch (error) {
        s.failures.push({ target: spec.sku, reason: failureReason(error) });
      }
    }
    try {
      await this.d.products.upsertMany(products);
      s.products.written += products.length;
    } catch (error) {
      for (const p of products) s.failures.push({ target: p.sku, reason: failureReason(error) });
    }
  }
}
