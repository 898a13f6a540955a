import { describe, expect, it } from "vitest";
import { succeeded } from "../../../../../src/application/catalog/ImportProducts/ImportSummary.js";
import { importKit, productSpecs } from "../../../../support/importKit.js";

describe("ImportProducts", () => {
  it("stores every image, then writes each product with its image URLs and sizes, in position order", async () => {
    const kit = importKit(productSpecs(12));
    const summary = await kit.make().execute({ concurrency: 4, dryRun: false });
    expect(succeeded(summary)).toBe(true);
    expect(summary.images).toMatchObject({ total: 60, uploaded: 60, skipped: 0, failed: 0 });
    expect(summary.products).toEqual({ total: 12, written: 12, failed: 0 });
    const stored = await kit.products.findBySlug("thing-sku-0003");
    expect(stored?.images.map((i) => [i.position, i.url, i.width, i.alt])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [n, `https://cdn.example/image/upload/v1/products/sku-0003/${n}.jpg`, 400, `Thing 3 view ${n}`]),
    );
  });

  it("never has more uploads in flight than the concurrency", async () => {
    const kit = importKit(productSpecs(20));
    await kit.make().execute({ concurrency: 3, dryRun: false });
    expect(kit.images.maxInFlight).toBe(3);
  });

  it("reports a failed image, leaves its product unwritten, and a re-run finishes without uploading anything twice", async () => {
    const kit = importKit(productSpecs(4));
    kit.images.failing.add("products/sku-0002/3");
    const first = await kit.make().execute({ concurrency: 2, dryRun: false });
    expect(succeeded(first)).toBe(false);
    expect(first.failures).toEqual([{ target: "products/sku-0002/3", reason: "HTTP 400: Invalid image file" }]);
    expect(first.products).toEqual({ total: 4, written: 3, failed: 1 });
    expect(await kit.products.findBySlug("thing-sku-0002")).toBeNull();

    kit.images.failing.clear();
    const second = await kit.make().execute({ concurrency: 2, dryRun: false });
    expect(succeeded(second)).toBe(true);
    expect(second.images).toMatchObject({ uploaded: 1, skipped: 19 });
    expect(await kit.products.count()).toBe(4);
    expect(kit.images.calls.filter((id) => id !== "products/sku-0002/3")).toHaveLength(19);
  });

  it("retries an image whose upload failed for a transient reason and reports the retries by cause", async () => {
    const kit = importKit(productSpecs(3));
    kit.images.flaky.set("products/sku-0002/4", 2);
    const summary = await kit.make().execute({ concurrency: 2, dryRun: false });
    expect(succeeded(summary)).toBe(true);
    expect(summary.images).toMatchObject({ uploaded: 15, failed: 0 });
    expect(summary.retries).toEqual({ "rate-limit": 0, "server-error": 2, timeout: 0, connection: 0 });
    expect(summary.rateLimit).toEqual({ pausedMs: 0, pauses: 0 });
    expect(kit.images.calls.filter((id) => id === "products/sku-0002/4")).toHaveLength(3);
  });

  it("counts an image the storage already holds (journal lost) as skipped, not uploaded", async () => {
    const kit = importKit(productSpecs(2));
    await kit.make().execute({ concurrency: 2, dryRun: false });
    kit.journal.entries.clear();
    const again = await kit.make().execute({ concurrency: 2, dryRun: false });
    expect(again.images).toMatchObject({ uploaded: 0, skipped: 10 });
    expect(kit.images.stored.size).toBe(10);
    expect(await kit.products.count()).toBe(2);
  });

  it("--dry-run uploads and writes nothing; --limit takes the first N products", async () => {
    const kit = importKit(productSpecs(5));
    const dry = await kit.make().execute({ concurrency: 2, dryRun: true, limit: 2 });
    expect(dry.images).toMatchObject({ total: 10, pending: 10, uploaded: 0 });
    expect(dry.products.written).toBe(0);
    expect(kit.images.calls).toHaveLength(0);
    expect(await kit.products.count()).toBe(0);
  });
});
