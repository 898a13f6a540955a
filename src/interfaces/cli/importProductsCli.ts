import { parseArgs } from "node:util";
import type { ImportProducts } from "../../application/catalog/ImportProducts/ImportProducts.js";
import { succeeded, totalRetries, type ImportSummary } from "../../application/catalog/ImportProducts/ImportSummary.js";
import type { ImportProgress } from "../../application/ports/ImportProgress.js";
import { progressReporter } from "./progressReporter.js";

export interface ImportCliDeps {
  /** Builds the use-case wired to the configured storage and repository. */
  makeImport(progress: ImportProgress): ImportProducts;
  defaultConcurrency: number;
  /** e.g. "Cloudinary (cloud demo) → MongoDB" */
  target: string;
  resetJournal(): Promise<void>;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
}

const HELP = `Usage: npm run import:products -- [options]

Uploads every dataset image (5 per product) and writes the products with their image URLs.
Safe to interrupt and re-run: finished images are journaled, public ids are deterministic and
Cloudinary keeps the first copy (overwrite: false), products are upserted by sku.

Options:
  --dry-run          count what would be uploaded; upload and write nothing
  --limit N          only the first N products of the dataset
  --concurrency N    uploads in flight (default IMPORT_CONCURRENCY)
  --reset-journal    forget which images earlier runs stored (they are still found existing)
  -h, --help         this text

Exit code: 0 when every image and product made it, 1 when anything failed, 2 on bad arguments.`;

const positiveInt = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d+$/u.test(raw) || Number(raw) < 1) throw new Error(`--${name} must be a positive whole number`);
  return Number(raw);
};

export async function runImportCli(argv: string[], d: ImportCliDeps): Promise<number> {
  let options: { dryRun: boolean; limit: number | undefined; concurrency: number };
  let resetJournal = false;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        limit: { type: "string" },
        concurrency: { type: "string" },
        "reset-journal": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      d.out.write(`${HELP}\n`);
      return 0;
    }
    options = {
      dryRun: values["dry-run"],
      limit: positiveInt("limit", values.limit),
      concurrency: positiveInt("concurrency", values.concurrency) ?? d.defaultConcurrency,
    };
    resetJournal = values["reset-journal"];
  } catch (error) {
    d.err.write(`${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (resetJournal) await d.resetJournal();
  d.out.write(`Importing into ${d.target}, concurrency ${options.concurrency}${options.dryRun ? " (dry run)" : ""}\n`);
  const summary = await d.makeImport(progressReporter(d.err)).execute(options);
  d.out.write(formatSummary(summary));
  return succeeded(summary) ? 0 : 1;
}

const CAUSES = { "rate-limit": "rate limit (420/429)", "server-error": "5xx", timeout: "timeout", connection: "reset/dropped" } as const;

export function formatSummary(s: ImportSummary): string {
  const byCause = Object.entries(CAUSES).map(([cause, label]) => `${label} ${s.retries[cause as keyof typeof CAUSES]}`).join(", ");
  const lines = [
    `\n${s.dryRun ? "Dry run" : "Import"} ${s.failures.length ? "finished with failures" : "complete"} in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  images:   ${s.images.total} total, ${s.images.uploaded} uploaded, ${s.images.skipped} skipped (already there), ${s.images.failed} failed` +
      (s.dryRun ? `, ${s.images.pending} to upload` : ""),
    `  products: ${s.products.total} total, ${s.products.written} written, ${s.products.failed} not written`,
    `  rate:     ${s.imagesPerSecond.toFixed(1)} images/s uploaded, ${totalRetries(s)} retried attempts`,
    `  retries:  ${byCause}`,
    `  paused:   ${(s.rateLimit.pausedMs / 1000).toFixed(1)} s for rate limits (${s.rateLimit.pauses} pause${s.rateLimit.pauses === 1 ? "" : "s"})`,
  ];
  const shown = s.failures.slice(0, 20).map((f) => `    ${f.target}: ${f.reason}`);
  if (s.failures.length) lines.push(`  failures (${s.failures.length}):`, ...shown);
  if (s.failures.length > shown.length) lines.push(`    … and ${s.failures.length - shown.length} more`);
  return `${lines.join("\n")}\n`;
}
