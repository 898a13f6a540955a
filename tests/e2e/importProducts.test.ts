import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportProducts } from "../../src/application/catalog/ImportProducts/ImportProducts.js";
import { succeeded, totalRetries } from "../../src/application/catalog/ImportProducts/ImportSummary.js";
import { CloudinaryImageStorage } from "../../src/infrastructure/cloudinary/CloudinaryImageStorage.js";
import { DatasetProductSource } from "../../src/infrastructure/dataset/DatasetProductSource.js";
import { FileImportJournal } from "../../src/infrastructure/files/FileImportJournal.js";
import { QueuedUploadScheduler } from "../../src/infrastructure/images/QueuedUploadScheduler.js";
import { InMemoryProductRepository } from "../../src/infrastructure/memory/InMemoryProductRepository.js";
import { RandomIdGenerator } from "../../src/infrastructure/system/RandomIdGenerator.js";
import { SystemClock } from "../../src/infrastructure/system/SystemClock.js";
import { TEST_SECRET } from "../support/accountsKit.js";
import { startFakeCloudinary, type FakeCloudinary } from "../support/fakeCloudinary.js";
import { silentProgress } from "../support/importKit.js";
import { sharedTestDataset } from "../support/testDataset.js";

const PRODUCTS = 1000;
const IMAGES = PRODUCTS * 5;
let root: string;
let datasetDir: string;
const fakes: FakeCloudinary[] = [];

// Small images keep the suite fast; the dataset is otherwise the one `npm run dataset` makes.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "bazaar-import-"));
  datasetDir = await sharedTestDataset();
}, 120_000);
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  await rm(root, { recursive: true, force: true });
});

const fake = async (latencyMs: number, faults = {}) => {
  const f = await startFakeCloudinary({ latencyMs, faults });
  fakes.push(f);
  return f;
};
const expectEachImageCreatedOnce = (f: FakeCloudinary) => {
  expect(f.assets.size).toBe(IMAGES);
  expect([...f.stats.created.values()].every((n) => n === 1)).toBe(true);
};

/** `npm run import:products -- <args>` as its own process, against the fake endpoint, into `dataDir`. */
function importCli(f: FakeCloudinary, dataDir: string, args = ["--concurrency", "24"], over: Record<string, string> = {}): ChildProcess {
  const env = {
    ...process.env,
    NODE_ENV: "test",
    JWT_SECRET: TEST_SECRET,
    MONGODB_URI: "",
    CATALOG_DATA_DIR: dataDir,
    CLOUDINARY_URL: f.cloudinaryUrl,
    CLOUDINARY_UPLOAD_PREFIX: f.uploadPrefix,
    IMPORT_RETRY_MIN_DELAY_MS: "10",
    IMPORT_RETRY_MAX_DELAY_MS: "200",
    ...over,
  };
  return spawn(process.execPath, ["--import", "tsx", "src/main/import-products.ts", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
}

describe("ImportProducts through the real Cloudinary SDK to a Cloudinary-compatible endpoint", () => {
  it(`imports ${IMAGES} images exactly once despite 429s, 500s and dropped connections`, async () => {
    const f = await fake(10, { rate429: 0.04, rate500: 0.04, drop: 0.02, dropAfterStore: 0.02 });
    const cloudinary = new CloudinaryImageStorage({ cloudName: f.cloudName, apiKey: f.apiKey, apiSecret: f.apiSecret, uploadPrefix: f.uploadPrefix, rootFolder: "bazaar", timeoutMs: 10_000 });
    const products = new InMemoryProductRepository();
    const summary = await new ImportProducts({
      source: new DatasetProductSource(datasetDir),
      images: cloudinary,
      scheduler: new QueuedUploadScheduler({ retries: 10, minDelayMs: 5, maxDelayMs: 100 }),
      products,
      journal: new FileImportJournal(join(root, "journal-inprocess.jsonl")),
      progress: silentProgress,
      ids: new RandomIdGenerator(),
      clock: new SystemClock(),
    }).execute({ concurrency: 32, dryRun: false });
    cloudinary.close();

    expect(summary.failures).toEqual([]);
    expect(succeeded(summary)).toBe(true);
    expect(summary.images).toMatchObject({ total: IMAGES, uploaded: expect.any(Number), failed: 0 });
    expect(summary.images.uploaded + summary.images.skipped).toBe(IMAGES);
    const retries = totalRetries(summary);
    expect(summary.retries).toMatchObject({ "rate-limit": expect.any(Number), "server-error": expect.any(Number), connection: expect.any(Number) });
    expect(summary.retries["rate-limit"]).toBeGreaterThan(0);
    expect(summary.retries["server-error"]).toBeGreaterThan(0);
    expect(summary.retries.connection).toBeGreaterThan(0);
    expectEachImageCreatedOnce(f);
    expect(await products.count()).toBe(PRODUCTS);
    const [first] = await products.list({ filters: {}, sort: "name", limit: 1 });
    expect(first!.images).toHaveLength(5);
    expect(first!.images[0]!.url).toContain(`${f.origin}/${f.cloudName}/image/upload/`);
    console.log(
      `import: ${IMAGES} images, latency 10 ms ±50 %, concurrency 32, ~10 % faults: ${(summary.elapsedMs / 1000).toFixed(1)} s, ` +
        `${summary.imagesPerSecond.toFixed(0)} images/s, ${retries} retries`,
    );
  }, 90_000);

  it("an import killed with SIGKILL halfway finishes on re-run without duplicating an image or a product", async () => {
    const f = await fake(5, { rate429: 0.02, rate500: 0.02, drop: 0.01 });
    const dataDir = join(root, "killed");
    await mkdir(dataDir, { recursive: true });
    await symlink(datasetDir, join(dataDir, "dataset"));
    const cli = () => importCli(f, dataDir);
    const output = (child: ChildProcess) => {
      let text = "";
      child.stdout!.on("data", (d: Buffer) => (text += d));
      child.stderr!.on("data", (d: Buffer) => (text += d));
      return () => text;
    };

    const first = cli();
    await until(() => f.assets.size >= IMAGES / 2, 60_000);
    first.kill("SIGKILL");
    await once(first, "exit");
    // Requests already inside the fake finish their simulated latency even though the client is gone.
    await new Promise((r) => setTimeout(r, 300));
    const storedBeforeKill = f.assets.size;
    expect(storedBeforeKill).toBeLessThan(IMAGES);

    const second = cli();
    const text = output(second);
    const [code] = (await once(second, "exit")) as [number];
    expect(text()).toContain("Import complete");
    expect(code).toBe(0);
    expectEachImageCreatedOnce(f);
    const uploaded = Number(/(\d+) uploaded,/u.exec(text())?.[1]);
    expect(uploaded).toBe(IMAGES - storedBeforeKill);

    const snapshot = JSON.parse(await readFile(join(dataDir, "products.json"), "utf8")) as { sku: string; images: unknown[] }[];
    expect(snapshot).toHaveLength(PRODUCTS);
    expect(new Set(snapshot.map((p) => p.sku)).size).toBe(PRODUCTS);
    expect(snapshot.every((p) => p.images.length === 5)).toBe(true);
  }, 90_000);

  it("an import killed with SIGKILL while paused by a rate limit finishes on re-run, each image stored once", async () => {
    const f = await fake(5, { rate500: 0.02, drop: 0.01 });
    const dataDir = join(root, "killed-while-paused");
    await mkdir(dataDir, { recursive: true });
    await symlink(datasetDir, join(dataDir, "dataset"));
    const cli = () => importCli(f, dataDir);

    const first = cli();
    const firstText = output(first);
    await until(() => f.assets.size >= IMAGES / 3, 60_000);
    // Cloudinary says "wait 30 s" to every upload from now on.
    f.setFaults({ rate429: 1, retryAfterSeconds: 30 });
    await until(() => firstText().includes("paused (rate limited by Cloudinary) for"), 20_000);
    const requestsAtPause = f.stats.requests;
    await new Promise((r) => setTimeout(r, 500));
    // Only the uploads already in flight when the pause began reach the endpoint: no image retries on its own.
    expect(f.stats.requests - requestsAtPause).toBeLessThanOrEqual(24);
    first.kill("SIGKILL");
    await once(first, "exit");
    await new Promise((r) => setTimeout(r, 300));
    const storedBeforeKill = f.assets.size;
    expect(storedBeforeKill).toBeLessThan(IMAGES);

    f.setFaults({ rate500: 0.02, drop: 0.01 });
    const second = cli();
    const text = output(second);
    const [code] = (await once(second, "exit")) as [number];
    expect(text()).toContain("Import complete");
    expect(code).toBe(0);
    expectEachImageCreatedOnce(f);
    expect(Number(/(\d+) uploaded,/u.exec(text())?.[1])).toBe(IMAGES - storedBeforeKill);
    expect(text()).toMatch(/paused: +0\.0 s for rate limits \(0 pauses\)/u);
    const snapshot = JSON.parse(await readFile(join(dataDir, "products.json"), "utf8")) as { sku: string; images: unknown[] }[];
    expect(snapshot).toHaveLength(PRODUCTS);
    expect(new Set(snapshot.map((p) => p.sku)).size).toBe(PRODUCTS);
  }, 90_000);

  it("a rate limit with Retry-After pauses the import and the summary says for how long and why it retried", async () => {
    // 10 % of 100 uploads: the chance that no window opens at all is 0.9^100, about 3 in 100,000 (at 2 % it was 13 %).
    const f = await fake(2, { rate429: 0.1, retryAfterSeconds: 1 });
    const cloudinary = new CloudinaryImageStorage({ cloudName: f.cloudName, apiKey: f.apiKey, apiSecret: f.apiSecret, uploadPrefix: f.uploadPrefix, rootFolder: "bazaar", timeoutMs: 10_000 });
    const paused: string[] = [];
    const summary = await new ImportProducts({
      source: new DatasetProductSource(datasetDir),
      images: cloudinary,
      scheduler: new QueuedUploadScheduler({ retries: 5, minDelayMs: 5, maxDelayMs: 50 }),
      products: new InMemoryProductRepository(),
      journal: new FileImportJournal(join(root, "journal-paused.jsonl")),
      progress: { ...silentProgress, paused: (seconds, reason) => void paused.push(`${reason} ${seconds}`) },
      ids: new RandomIdGenerator(),
      clock: new SystemClock(),
    }).execute({ concurrency: 8, dryRun: false, limit: 20 });
    cloudinary.close();

    expect(succeeded(summary)).toBe(true);
    expect(f.stats.rateLimitWindows).toBeGreaterThan(0);
    expect(paused[0]).toBe("rate limited by Cloudinary 1");
    expect(summary.rateLimit.pauses).toBeGreaterThan(0);
    expect(summary.rateLimit.pauses).toBeLessThanOrEqual(f.stats.rateLimitWindows);
    // Each pause lasts at least what the endpoint asked (Retry-After is whole seconds: 1).
    expect(summary.rateLimit.pausedMs).toBeGreaterThanOrEqual(summary.rateLimit.pauses * 900);
    expect(summary.retries["rate-limit"]).toBe(f.stats.byStatus[429]);
  }, 60_000);

  it("imports with the endpoint given only as CLOUDINARY_URL's upload_prefix (as the Cloudinary SDK accepts it)", async () => {
    const f = await fake(1);
    const dataDir = join(root, "upload-prefix-in-url");
    await mkdir(dataDir, { recursive: true });
    await symlink(datasetDir, join(dataDir, "dataset"));
    const child = importCli(f, dataDir, ["--limit", "3"], { CLOUDINARY_URL: `${f.cloudinaryUrl}?upload_prefix=${f.origin}`, CLOUDINARY_UPLOAD_PREFIX: "" });
    let text = "";
    child.stdout!.on("data", (d: Buffer) => (text += d));
    child.stderr!.on("data", (d: Buffer) => (text += d));
    const [code] = (await once(child, "exit")) as [number];

    expect(text).toContain("Import complete");
    expect(code).toBe(0);
    expect(f.assets.size).toBe(15);
    const snapshot = JSON.parse(await readFile(join(dataDir, "products.json"), "utf8")) as { images: { url: string }[] }[];
    expect(snapshot).toHaveLength(3);
    expect(snapshot.every((p) => p.images.every((i) => i.url.startsWith(`${f.origin}/${f.cloudName}/image/upload/`)))).toBe(true);
  }, 60_000);
});

function output(child: ChildProcess): () => string {
  let text = "";
  child.stdout!.on("data", (d: Buffer) => (text += d));
  child.stderr!.on("data", (d: Buffer) => (text += d));
  return () => text;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
