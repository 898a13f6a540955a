import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ProductSource, ProductSpec } from "../../application/ports/ProductSource.js";
import { DATASET_FORMAT, type DatasetFile } from "./datasetFormat.js";

export class DatasetProductSource implements ProductSource {
  constructor(private readonly dir: string) {}

  async load(): Promise<ProductSpec[]> {
    const file = join(this.dir, "products.json");
    const text = await readFile(file, "utf8").catch(() => {
      throw new Error(`No dataset at ${file}: run \`npm run dataset\` first`);
    });
    const dataset = JSON.parse(text) as DatasetFile;
    if (dataset.format !== DATASET_FORMAT) throw new Error(`${file} has format ${dataset.format}, expected ${DATASET_FORMAT}: regenerate it`);
    return dataset.products.map((p) => ({
      ...p,
      createdAt: new Date(p.createdAt),
      images: p.images.map((i) => ({ file: resolve(this.dir, i.file), alt: i.alt, position: i.position })),
    }));
  }
}
