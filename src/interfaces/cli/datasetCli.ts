import { parseArgs } from "node:util";

const HELP = `Usage: npm run dataset -- [--products N] [--seed N] [--image-size PX]

Writes products.json and 5 JPEG images per product under CATALOG_DATA_DIR/dataset.
Same seed, same files; files already there are kept. Defaults: DATASET_PRODUCTS, DATASET_SEED, DATASET_IMAGE_SIZE.`;

export interface DatasetRequest {
  seed: number;
  count: number;
  imageSize: number;
  onProgress(done: number, total: number): void;
}

export interface DatasetCliDeps {
  defaults: { seed: number; products: number; imageSize: number };
  /** Renders the dataset; resolves with what it wrote. */
  generate(request: DatasetRequest): Promise<{ products: number; images: number; rendered: number; file: string }>;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

class UsageError extends Error {}

const wholeNumber = (raw: string | undefined, fallback: number, name: string): number => {
  if (raw === undefined) return fallback;
  if (!/^\d+$/u.test(raw)) throw new UsageError(`--${name} must be a whole number`);
  return Number(raw);
};

export async function runDatasetCli(argv: string[], d: DatasetCliDeps): Promise<number> {
  let request: Omit<DatasetRequest, "onProgress">;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { products: { type: "string" }, seed: { type: "string" }, "image-size": { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help) {
      d.out.write(`${HELP}\n`);
      return 0;
    }
    request = {
      seed: wholeNumber(values.seed, d.defaults.seed, "seed"),
      count: wholeNumber(values.products, d.defaults.products, "products"),
      imageSize: wholeNumber(values["image-size"], d.defaults.imageSize, "image-size"),
    };
  } catch (error) {
    d.err.write(error instanceof UsageError ? `${error.message}\n` : `${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const started = Date.now();
  let lastShown = 0;
  const result = await d.generate({
    ...request,
    onProgress: (done, total) => {
      if (done === total || Date.now() - lastShown > 1_000) {
        lastShown = Date.now();
        d.err.write(`images ${done}/${total}\n`);
      }
    },
  });
  d.out.write(
    `Dataset: ${result.products} products, ${result.images} images (${result.rendered} rendered now) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${result.file}\n`,
  );
  return 0;
}
