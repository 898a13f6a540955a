/** `npm run dataset`: renders the deterministic product dataset into CATALOG_DATA_DIR/dataset. */
import { catalogPaths } from "../composition/catalog.js";
import { configOrExit } from "../composition/process.js";
import { generateDataset } from "../infrastructure/dataset/generateDataset.js";
import { runDatasetCli } from "../interfaces/cli/datasetCli.js";

const config = configOrExit();
const { dataset } = config.catalog;
const code = await runDatasetCli(process.argv.slice(2), {
  defaults: { seed: dataset.seed, products: dataset.products, imageSize: dataset.imageSize },
  generate: (request) => generateDataset({ dir: catalogPaths(config.catalog).dataset, ...request }),
  out: process.stdout,
  err: process.stderr,
});
process.exit(code);
