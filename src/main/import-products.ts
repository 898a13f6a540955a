/** `npm run import:products`: uploads the dataset's images (Cloudinary or local files) and upserts the products. */
import { rm } from "node:fs/promises";
import { catalogModule } from "../composition/catalog.js";
import { importTarget, newImport } from "../composition/catalogImport.js";
import { configOrExit } from "../composition/process.js";
import { buildRuntime } from "../composition/runtime.js";
import { createLogger } from "../infrastructure/logging/logger.js";
import { runImportCli } from "../interfaces/cli/importProductsCli.js";

const config = configOrExit();
const runtime = await buildRuntime(config, createLogger("warn"), [catalogModule]);
const target = importTarget(config.catalog);

const code = await runImportCli(process.argv.slice(2), {
  makeImport: (progress) => newImport(runtime.container, { images: target.storage, journal: target.journal, progress }),
  defaultConcurrency: config.catalog.import.concurrency,
  target: `${target.label} → ${runtime.adapters.join("; ")}`,
  resetJournal: () => rm(target.journalFile, { force: true }),
  out: process.stdout,
  err: process.stderr,
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});

target.close();
await runtime.close();
process.exit(code);
