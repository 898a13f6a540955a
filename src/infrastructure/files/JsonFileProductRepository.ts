import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Product } from "../../domain/catalog/Product.js";
import type { ProductListQuery } from "../../domain/catalog/ProductQuery.js";
import type { ProductRepository, UpsertResult } from "../../domain/catalog/ProductRepository.js";
import { InMemoryProductRepository } from "../memory/InMemoryProductRepository.js";

type StoredProduct = Omit<Product, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

/**
 * The embedded default's catalog: in memory, persisted as one JSON snapshot, so products imported
 * by the CLI or seeded on first start survive restarts without a database.
 */
export class JsonFileProductRepository implements ProductRepository {
  readonly #memory = new InMemoryProductRepository();
  #loaded: Promise<void> | null = null;
  #writes: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async upsertMany(products: Product[]): Promise<UpsertResult> {
    await this.#load();
    const result = await this.#memory.upsertMany(products);
    await this.#persist();
    return result;
  }

  async findById(id: string): Promise<Product | null> {
    await this.#load();
    return this.#memory.findById(id);
  }

  async findBySlug(slug: string): Promise<Product | null> {
    await this.#load();
    return this.#memory.findBySlug(slug);
  }

  async list(query: ProductListQuery): Promise<Product[]> {
    await this.#load();
    return this.#memory.list(query);
  }

  async count(): Promise<number> {
    await this.#load();
    return this.#memory.count();
  }

  #load(): Promise<void> {
    this.#loaded ??= (async () => {
      const text = await readFile(this.file, "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return "[]";
        throw error;
      });
      const stored = JSON.parse(text) as StoredProduct[];
      await this.#memory.upsertMany(stored.map((p) => ({ ...p, createdAt: new Date(p.createdAt), updatedAt: new Date(p.updatedAt) })));
    })();
    return this.#loaded;
  }

  /** Serialised, and written to a temporary file then renamed, so a crash never leaves half a snapshot. */
  #persist(): Promise<void> {
    this.#writes = this.#writes.catch(() => undefined).then(async () => {
      const all = await this.#memory.list({ filters: {}, sort: "newest", limit: Number.MAX_SAFE_INTEGER });
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(all));
      await rename(tmp, this.file);
    });
    return this.#writes;
  }
}
