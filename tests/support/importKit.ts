import { ImportProducts } from "../../src/application/catalog/ImportProducts/ImportProducts.js";
import { ImageStorageFailed, type ImageStorage, type ImageUpload, type StoredImage, type UploadOutcome } from "../../src/application/ports/ImageStorage.js";
import type { ImportProgress } from "../../src/application/ports/ImportProgress.js";
import type { ProductSpec } from "../../src/application/ports/ProductSource.js";
import { QueuedUploadScheduler } from "../../src/infrastructure/images/QueuedUploadScheduler.js";
import { InMemoryImportJournal } from "../../src/infrastructure/memory/InMemoryImportJournal.js";
import { InMemoryProductRepository } from "../../src/infrastructure/memory/InMemoryProductRepository.js";
import { RandomIdGenerator } from "../../src/infrastructure/system/RandomIdGenerator.js";
import { TestClock } from "./accountsKit.js";

/** A real in-memory image store that can be told to fail particular public ids, and counts what it does. */
export class MemoryImageStorage implements ImageStorage {
  readonly name = "memory";
  readonly stored = new Map<string, StoredImage>();
  readonly calls: string[] = [];
  failing = new Set<string>();
  /** Public id → how many more times it answers a retryable 500 before it works. */
  flaky = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;

  async upload({ publicId }: ImageUpload): Promise<UploadOutcome> {
    this.calls.push(publicId);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    this.inFlight--;
    if (this.failing.has(publicId)) throw new ImageStorageFailed("Invalid image file", false, 400);
    const flaky = this.flaky.get(publicId) ?? 0;
    if (flaky > 0) {
      this.flaky.set(publicId, flaky - 1);
      throw new ImageStorageFailed("General Error", true, 500);
    }
    const existing = this.stored.get(publicId);
    if (existing) return { image: existing, existed: true };
    const image = { publicId, url: `https://cdn.example/image/upload/v1/${publicId}.jpg`, width: 400, height: 400, format: "jpg", bytes: 1000 };
    this.stored.set(publicId, image);
    return { image, existed: false };
  }
}

export function productSpecs(count: number, imagesEach = 5): ProductSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const sku = `SKU-${String(i + 1).padStart(4, "0")}`;
    return {
      sku,
      slug: `thing-${sku.toLowerCase()}`,
      name: `Thing ${i + 1}`,
      description: "A thing",
      category: "Things",
      brand: "Acme",
      price: { amount: 100 * (i + 1), currency: "USD" },
      stock: i % 3,
      rating: 4,
      tags: ["thing"],
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
      images: Array.from({ length: imagesEach }, (_, k) => ({ file: `/data/${sku}-${k + 1}.jpg`, alt: `Thing ${i + 1} view ${k + 1}`, position: k + 1 })),
    };
  });
}

export const silentProgress: ImportProgress = { start: () => undefined, advance: () => undefined, paused: () => undefined, resumed: () => undefined, stop: () => undefined };

export function importKit(specs: ProductSpec[]) {
  const images = new MemoryImageStorage();
  const products = new InMemoryProductRepository();
  const journal = new InMemoryImportJournal();
  const make = () =>
    new ImportProducts({ source: { load: async () => specs }, images, scheduler: new QueuedUploadScheduler({ retries: 3, minDelayMs: 1, maxDelayMs: 5 }), products, journal, progress: silentProgress, ids: new RandomIdGenerator(), clock: new TestClock() });
  return { images, products, journal, make };
}
