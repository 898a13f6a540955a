import { mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogIfEmpty } from "../../src/composition/catalogSeed.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { sharedTestDataset, TEST_DATASET } from "../support/testDataset.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

let dir: string;
let server: TestServer;
// Tiny images keep this fast; everything else is what `npm start` does on a fresh checkout.
const env = () => ({ CATALOG_DATA_DIR: dir, DATASET_IMAGE_SIZE: String(TEST_DATASET.imageSize) });
const seed = (s: TestServer) => seedCatalogIfEmpty(s.server.runtime, createLogger("silent"));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "bazaar-seed-"));
  // The same files the seed would render, rendered once for the whole suite.
  await symlink(await sharedTestDataset(), join(dir, "dataset"));
  server = await startTestServer(env());
  await seed(server);
}, 120_000);
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("first start of the embedded default", () => {
  it.each(["newest", "price_asc", "price_desc", "name"])("GET /products pages through 1000 products with 5 images each (sort=%s)", async (sort) => {
    const ids = new Set<string>();
    let images = 0;
    let cursor = "";
    do {
      const res = await server.client().get(`/products?limit=100&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      for (const p of res.body.items) {
        ids.add(p.id);
        images += p.images.length;
        expect(p.images.map((i: { position: number }) => i.position)).toEqual([1, 2, 3, 4, 5]);
      }
      cursor = res.body.nextCursor ?? "";
    } while (cursor);
    expect(ids.size).toBe(1000);
    expect(images).toBe(5000);
  });

  it("serves the seeded images, and a restart reuses the catalog instead of seeding again", async () => {
    const [product] = (await server.client().get("/products?limit=1")).body.items;
    const res = await fetch(server.url + product.images[0].url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(await readdir(dir)).not.toContain(".seeding");

    const restarted = await startTestServer(env());
    try {
      const started = Date.now();
      await seed(restarted);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await restarted.client().get(`/products/${product.slug}`)).body.id).toBe(product.id);
    } finally {
      await restarted.stop();
    }
  });
});
