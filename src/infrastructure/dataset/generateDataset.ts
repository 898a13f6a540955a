import { availableParallelism } from "node:os";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import sharp from "sharp";
import { DATASET_FORMAT, type DatasetFile } from "./datasetFormat.js";
import { fakeProducts } from "./fakeProducts.js";
import { productImageSvg } from "./productImageSvg.js";

export interface DatasetOptions {
  dir: string;
  seed: number;
  count: number;
  imageSize: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DatasetResult {
  products: number;
  images: number;
  /** Images rendered by this run; 0 when an identical dataset was already there. */
  rendered: number;
  file: string;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/** Deterministic (same seed, same bytes), and incremental: files already rendered by an earlier or interrupted run are kept. */
export async function generateDataset(o: DatasetOptions): Promise<DatasetResult> {
  const file = join(o.dir, "products.json");
  const dataset: DatasetFile = { format: DATASET_FORMAT, seed: o.seed, count: o.count, imageSize: o.imageSize, products: fakeProducts(o.seed, o.count) };
  const json = JSON.stringify(dataset, null, 1);
  const images = dataset.products.flatMap((product) => product.images.map((image) => ({ product, image })));
  if ((await readFile(file, "utf8").catch(() => null)) === json && (await Promise.all(images.map((i) => exists(join(o.dir, i.image.file))))).every(Boolean))
    return { products: o.count, images: images.length, rendered: 0, file };

  await mkdir(join(o.dir, "images"), { recursive: true });
  const limit = pLimit(availableParallelism() * 2);
  let done = 0;
  let rendered = 0;
  await Promise.all(
    images.map(({ product, image }) =>
      limit(async () => {
        const target = join(o.dir, image.file);
        if (!(await exists(target))) {
          const tmp = `${target}.${process.pid}.tmp`;
          await sharp(Buffer.from(productImageSvg(product, image, o.imageSize))).jpeg({ quality: 72 }).toFile(tmp);
          await rename(tmp, target);
          rendered++;
        }
        o.onProgress?.(++done, images.length);
      }),
    ),
  );
  // Written last: a products.json on disk means every image it names is complete.
  await writeFile(`${file}.${process.pid}.tmp`, json);
  await rename(`${file}.${process.pid}.tmp`, file);
  return { products: o.count, images: images.length, rendered, file };
}
