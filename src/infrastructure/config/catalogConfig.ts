import { z } from "zod";
import { CloudinaryUrlError, isUploadPrefix, parseCloudinaryUrl, type CloudinaryDelivery, type CloudinaryUrlParts } from "./cloudinaryUrl.js";
import { bool, int, optionalText } from "./envValues.js";

// Parsed once here, so a bad URL stops startup with the parser's reason (never the URL: it holds the API secret).
const cloudinaryUrl = optionalText().transform((v, ctx): CloudinaryUrlParts | undefined => {
  if (v === undefined) return undefined;
  try {
    return parseCloudinaryUrl(v);
  } catch (error) {
    if (!(error instanceof CloudinaryUrlError)) throw error;
    ctx.addIssue({ code: "custom", message: error.message });
    return z.NEVER;
  }
});

/** The catalog's settings; merged into the one config schema by config.ts, which stays the only reader of the environment. */
export const catalogEnv = {
  CLOUDINARY_URL: cloudinaryUrl,
  CLOUDINARY_UPLOAD_PREFIX: optionalText().refine(
    (v) => v === undefined || isUploadPrefix(v),
    "must be an origin like https://api.cloudinary.com (no path)",
  ),
  CLOUDINARY_FOLDER: z.string().trim().regex(/^[a-z0-9][a-z0-9_/-]*$/u).default("bazaar"),
  CLOUDINARY_TIMEOUT_MS: int(1_000, 600_000).default(60_000),
  CATALOG_DATA_DIR: z.string().trim().min(1).default("var/catalog"),
  CATALOG_SEED_ON_START: bool.default(true),
  DATASET_SEED: int(0, 2 ** 31 - 1).default(42),
  DATASET_PRODUCTS: int(1, 100_000).default(1000),
  DATASET_IMAGE_SIZE: int(32, 2000).default(400),
  IMPORT_CONCURRENCY: int(1, 256).default(8),
  IMPORT_RETRIES: int(0, 20).default(6),
  // Short: a retry waits outside the concurrency pool, so only the run's last retries make anyone wait for it.
  IMPORT_RETRY_MIN_DELAY_MS: int(0, 60_000).default(100),
  IMPORT_RETRY_MAX_DELAY_MS: int(0, 600_000).default(30_000),
};

type CatalogEnv = { [K in keyof typeof catalogEnv]: z.output<(typeof catalogEnv)[K]> };

export interface CloudinaryConfig {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  uploadPrefix: string | undefined;
  /** Private CDN / custom domain settings from CLOUDINARY_URL, for the delivery URLs of uploaded images. */
  delivery: CloudinaryDelivery;
  folder: string;
  timeoutMs: number;
}

export interface CatalogConfig {
  /** Dataset, local media, product snapshot and import journals live here. */
  dataDir: string;
  /** Seed the catalog on first start when it is empty and images are stored locally. */
  seedOnStart: boolean;
  dataset: { seed: number; products: number; imageSize: number };
  cloudinary: CloudinaryConfig | null;
  import: { concurrency: number; retries: number; minDelayMs: number; maxDelayMs: number };
}

export class CatalogConfigError extends Error {}

/** `warnings` receives one line per setting that was accepted but is worth a look (never a secret). */
export function catalogConfig(c: CatalogEnv, warnings: string[] = []): CatalogConfig {
  const url = c.CLOUDINARY_URL;
  // Two sources for one endpoint that disagree are a mistake to stop on, not to settle silently.
  if (url?.uploadPrefix && c.CLOUDINARY_UPLOAD_PREFIX && url.uploadPrefix !== c.CLOUDINARY_UPLOAD_PREFIX)
    throw new CatalogConfigError("CLOUDINARY_UPLOAD_PREFIX and the upload_prefix in CLOUDINARY_URL differ; set only one");
  if (url && url.ignored.length > 0)
    warnings.push(`CLOUDINARY_URL: ignoring parameters Bazaar does not use: ${url.ignored.map((k) => JSON.stringify(k)).join(", ")}`);
  return {
    dataDir: c.CATALOG_DATA_DIR,
    seedOnStart: c.CATALOG_SEED_ON_START,
    dataset: { seed: c.DATASET_SEED, products: c.DATASET_PRODUCTS, imageSize: c.DATASET_IMAGE_SIZE },
    cloudinary: url
      ? {
          cloudName: url.cloudName,
          apiKey: url.apiKey,
          apiSecret: url.apiSecret,
          uploadPrefix: url.uploadPrefix ?? c.CLOUDINARY_UPLOAD_PREFIX,
          delivery: url.delivery,
          folder: c.CLOUDINARY_FOLDER,
          timeoutMs: c.CLOUDINARY_TIMEOUT_MS,
        }
      : null,
    import: {
      concurrency: c.IMPORT_CONCURRENCY,
      retries: c.IMPORT_RETRIES,
      minDelayMs: c.IMPORT_RETRY_MIN_DELAY_MS,
      maxDelayMs: c.IMPORT_RETRY_MAX_DELAY_MS,
    },
  };
}
