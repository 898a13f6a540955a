/** Entry point for `npm run dataset`: renders the deterministic product dataset into CATALOG_DATA_DIR/dataset. */
import { parseArgs } from "node:util";
import { catalogPaths } from "../src/catalogComposition.js";
import { configOrExit } from "../src/entryPoint.js";
import { generateDataset } from "../src/infrastructure/dataset/generateDataset.js";

const HELP = `Usage: npm run dataset -- [--products N] [--seed N] [--image-size PX]

Writes products.json and 5 JPEG images per product under CATALOG_DATA_DIR/dataset.
Same seed, same files; files already there are kept. Defaults: DATASET_PRODUCTS, DATASET_SEED, DATASET_IMAGE_SIZE.`;

const config = configOrExit();
let args;
try {
  args = parseArgs({
    args: process.argv.slice(2),
    options: { products: { type: "string" }, seed: { type: "string" }, "image-size": { type: "string" }, help: { type: "boolean", short: "h" } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const num = (raw: string | undefined, fallback: number, name: string) => {
  if (raw === undefined) return fallback;
  if (!/^\d+$/u.test(raw)) {
    console.error(`--${name} must be a whole number`);
    process.exit(2);
  }
  return Number(raw);
};

const dir = catalogPaths(config.catalog).dataset;
const d = config.catalog.dataset;
const started = Date.now();
let lastShown = 0;
const result = await generateDataset({
  dir,
  seed: num(args.seed, d.seed, "seed"),
  count: num(args.products, d.products, "products"),
  imageSize: num(args["image-size"], d.imageSize, "image-size"),
  onProgress: (done, total) => {
    if (done === total || Date.now() - lastShown > 1_000) {
      lastShown = Date.now();
      process.stderr.write(`images ${done}/${total}\n`);
    }
  },
});
console.log(
  `Dataset: ${result.products} products, ${result.images} images (${result.rendered} rendered now) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${result.file}`,
);
