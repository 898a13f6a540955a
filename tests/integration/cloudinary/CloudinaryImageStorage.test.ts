import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ImageStorageFailed } from "../../../src/application/ports/ImageStorage.js";
import { CloudinaryImageStorage, type CloudinarySettings } from "../../../src/infrastructure/cloudinary/CloudinaryImageStorage.js";
import { QueuedUploadScheduler } from "../../../src/infrastructure/images/QueuedUploadScheduler.js";
import { expectedSignature } from "../../support/cloudinarySignature.js";
import { startFakeCloudinary, type FakeCloudinary } from "../../support/fakeCloudinary.js";

let fake: FakeCloudinary;
let dir: string;
let file: string;
const storages: CloudinaryImageStorage[] = [];

const storage = (over: Partial<CloudinarySettings> = {}) => {
  const s = new CloudinaryImageStorage({
    cloudName: fake.cloudName,
    apiKey: fake.apiKey,
    apiSecret: fake.apiSecret,
    uploadPrefix: fake.uploadPrefix,
    rootFolder: "bazaar",
    timeoutMs: 5_000,
    ...over,
  });
  storages.push(s);
  return s;
};
const quiet = { paused: () => undefined, resumed: () => undefined };
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as ImageStorageFailed);

beforeAll(async () => {
  fake = await startFakeCloudinary();
  dir = await mkdtemp(join(tmpdir(), "bazaar-cld-"));
  file = join(dir, "img.jpg");
  await sharp({ create: { width: 120, height: 80, channels: 3, background: "#c33" } }).jpeg().toFile(file);
});
afterEach(() => fake.setFaults({}));
afterAll(async () => {
  for (const s of storages) s.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe("CloudinaryImageStorage against a Cloudinary-compatible endpoint on loopback (real SDK)", () => {
  it("the fake's signature check matches Cloudinary's documented example", () => {
    // From Cloudinary's "Generating authentication signatures" documentation.
    const fields = { eager: "w_400,h_300,c_pad|w_260,h_200,c_crop", public_id: "sample_image", timestamp: "1315060510", api_key: "x", file: "y" };
    expect(expectedSignature(fields, "abcd")).toBe("bfd09f95f331f558cbd1320e67aa8d488770583e");
  });

  it("signed upload under the root folder returns the stored shape, with the image's real width and height", async () => {
    const { image, existed } = await storage().upload({ publicId: "products/sku-1/1", folder: "products/sku-1", file });
    expect(existed).toBe(false);
    expect(image).toMatchObject({ publicId: "bazaar/products/sku-1/1", width: 120, height: 80, format: "jpg" });
    expect(image.url).toMatch(new RegExp(`/${fake.cloudName}/image/upload/v\\d+/bazaar/products/sku-1/1\\.jpg$`));
    expect(fake.assets.get("bazaar/products/sku-1/1")?.assetFolder).toBe("bazaar/products/sku-1");
    expect(fake.stats.signatureFailures).toBe(0);
  });

  it("with a private CDN's secure distribution from CLOUDINARY_URL, image URLs use that domain (and variants still apply)", async () => {
    const s = storage({ delivery: { private_cdn: true, secure_distribution: "media.shop.example" } });
    const { image } = await s.upload({ publicId: "products/sku-cdn/1", folder: "products/sku-cdn", file });
    expect(image.url).toMatch(/^https:\/\/media\.shop\.example\/image\/upload\/v\d+\/bazaar\/products\/sku-cdn\/1\.jpg$/u);
  });

  it("with private_cdn alone, image URLs use the cloud's own private CDN host", async () => {
    const { image } = await storage({ delivery: { private_cdn: true } }).upload({ publicId: "products/sku-pcdn/1", folder: "products/sku-pcdn", file });
    expect(image.url).toMatch(new RegExp(`^https://${fake.cloudName}-res\\.cloudinary\\.com/image/upload/v\\d+/bazaar/products/sku-pcdn/1\\.jpg$`, "u"));
  });

  it("uploading the same public id again is a no-op that reports the image as existing", async () => {
    const s = storage();
    const first = await s.upload({ publicId: "products/sku-2/1", folder: "products/sku-2", file });
    const again = await s.upload({ publicId: "products/sku-2/1", folder: "products/sku-2", file });
    expect(again).toEqual({ image: first.image, existed: true });
    expect(fake.stats.created.get("bazaar/products/sku-2/1")).toBe(1);
  });

  it("a wrong API secret is refused (401) and marked not retryable", async () => {
    const error = await failure(storage({ apiSecret: "wrong" }).upload({ publicId: "p/x", folder: "p", file }));
    expect(error).toBeInstanceOf(ImageStorageFailed);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(fake.stats.signatureFailures).toBeGreaterThan(0);
  });

  it.each([
    ["429 rate limit", { rate429: 1 }, 429, "rate-limit"],
    ["500 server error", { rate500: 1 }, 500, "server-error"],
    ["dropped connection", { drop: 1 }, undefined, "connection"],
  ])("a %s becomes a retryable error with its cause", async (_label, faults, status, cause) => {
    fake.setFaults(faults);
    const error = await failure(storage().upload({ publicId: "p/retry", folder: "p", file }));
    expect(error).toMatchObject({ retryable: true, status, failureCause: cause, retryAfterMs: undefined });
  });

  it("a 429 with Retry-After carries how long to wait, although the SDK drops the response's headers", async () => {
    fake.setFaults({ rate429: 1, retryAfterSeconds: 7 });
    const s = storage();
    const [first, second] = await Promise.all([
      failure(s.upload({ publicId: "p/limited-1", folder: "p", file })),
      failure(s.upload({ publicId: "p/limited-2", folder: "p", file })),
    ]);
    for (const error of [first, second]) {
      expect(error).toMatchObject({ retryable: true, status: 429, failureCause: "rate-limit" });
      expect(error!.retryAfterMs).toBeGreaterThan(5_000);
      expect(error!.retryAfterMs).toBeLessThanOrEqual(7_000);
    }
  });

  it("a timeout becomes a retryable error", async () => {
    fake.setLatency(500);
    try {
      const error = await failure(storage({ timeoutMs: 100 }).upload({ publicId: "p/slow", folder: "p", file }));
      expect(error).toMatchObject({ retryable: true, status: 499, failureCause: "timeout" });
    } finally {
      fake.setLatency(0);
    }
  });

  it("with retries, an upload gets through transient faults, and a stored-then-dropped upload is not stored twice", async () => {
    fake.setFaults({ rate429: 0.3, rate500: 0.2, drop: 0.1, dropAfterStore: 0.3 });
    const run = new QueuedUploadScheduler({ retries: 30, minDelayMs: 1, maxDelayMs: 5 }).open(8, quiet);
    const s = storage();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => run.run(() => s.upload({ publicId: `flaky/${i}`, folder: "flaky", file }))));
    expect(results.map((r) => r.image.publicId)).toEqual(Array.from({ length: 20 }, (_, i) => `bazaar/flaky/${i}`));
    for (let i = 0; i < 20; i++) expect(fake.stats.created.get(`bazaar/flaky/${i}`)).toBe(1);
  });

  it("with retries, a 400 fails at once without retrying", async () => {
    const run = new QueuedUploadScheduler({ retries: 5, minDelayMs: 1, maxDelayMs: 5 }).open(8, quiet);
    const s = storage();
    const before = fake.stats.requests;
    const error = await failure(run.run(() => s.upload({ publicId: "p/bad", folder: "p", file: join(dir, "missing.jpg") })));
    expect(error).toBeInstanceOf(ImageStorageFailed);
    expect(error?.retryable).toBe(false);
    expect(Object.values(run.report().retries)).toEqual([0, 0, 0, 0]);
    expect(fake.stats.requests - before).toBeLessThanOrEqual(1);
  });
});
