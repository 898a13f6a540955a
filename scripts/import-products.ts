/** Entry point for `npm run import:products`: picks the adapters from config, then hands over to the CLI. */
import { rm } from "node:fs/promises";
import { ImportProducts } from "../src/application/catalog/ImportProducts.js";
import { catalogPaths, catalogReadAdapters, importTarget } from "../src/catalogComposition.js";
import { configOrExit } from "../src/entryPoint.js";
import { DatasetProductSource } from "../src/infrastructure/dataset/DatasetProductSource.js";
import { connectMongo } from "../src/infrastructure/mongo/connectMongo.js";
import { RandomIdGenerator } from "../src/infrastructure/security/RandomIdGenerator.js";
import { SystemClock } from "../src/infrastructure/security/SystemClock.js";
import { runImportCli } from "../src/interfaces/cli/importProductsCli.js";

const config = configOrExit();

const mongo = config.mongo ? await connectMongo(config.mongo.uri, config.mongo.dbName) : null;
const { products, label } = await catalogReadAdapters(config.catalog, mongo?.db ?? null);
let retries = 0;
const target = importTarget(config.catalog, () => void retries++);
const source = new DatasetProductSource(catalogPaths(config.catalog).dataset);

const code = await runImportCli(process.argv.slice(2), {
  makeImport: (progress) =>
    new ImportProducts({ source, images: target.storage, products, journal: target.journal, progress, ids: new RandomIdGenerator(), clock: new SystemClock() }),
  defaultConcurrency: config.catalog.import.concurrency,
  target: `${target.label} → ${label}`,
  resetJournal: () => rm(target.journalFile, { force: true }),
  retries: () => retries,
  out: process.stdout,
  err: process.stderr,
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});

target.close();
await mongo?.client.close();
process.exit(code);
