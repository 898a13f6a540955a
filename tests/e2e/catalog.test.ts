import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRODUCTS } from "../../src/composition/tokens.js";
import type { Product } from "../../src/domain/catalog/Product.js";
import { LocalImageStorage } from "../../src/infrastructure/files/LocalImageStorage.js";
import { aProduct } from "../support/productFixtures.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
let dir: string;
let products: Product[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "bazaar-catalog-http-"));
  server = await startTestServer({ CATALOG_DATA_DIR: dir });
  const source = join(dir, "source.png");
  await sharp({ create: { width: 400, height: 300, channels: 3, background: "#36c" } }).png().toFile(source);
  const { image } = await new LocalImageStorage(join(dir, "media")).upload({ publicId: "products/loc-1/1", folder: "products/loc-1", file: source });
  const local = aProduct({ sku: "LOC-1", images: [{ publicId: image.publicId, url: image.url, width: image.width, height: image.height, alt: "blue", position: 1 }] });
  products = [local, ...Array.from({ length: 30 }, (_, i) => aProduct({ price: { amount: (i % 4) * 100, currency: "USD" }, category: i % 2 ? "Odd" : "Even" }))];
  await server.server.runtime.container.resolve(PRODUCTS).upsertMany(products);
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("GET /products", () => {
  it("pages through every product once with opaque cursors, 24 per page by default", async () => {
    const seen: string[] = [];
    let path = "/products?sort=price_desc";
    for (;;) {
      const res = await server.client().get(path);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      if (!res.body.nextCursor) break;
      expect(res.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      path = `/products?sort=price_desc&cursor=${res.body.nextCursor}`;
    }
    expect(seen).toHaveLength(products.length);
    expect(new Set(seen)).toEqual(new Set(products.map((p) => p.id)));
  });

  it("filters and returns images with variants", async () => {
    const res = await server.client().get("/products?category=Odd&minPrice=100&maxPrice=200&inStock=true&limit=100");
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const p of res.body.items) expect(p).toMatchObject({ category: "Odd", inStock: true, images: expect.any(Array) });
    expect(res.body.items[0].images[0].variants).toHaveProperty("thumbnail");
  });

  it.each([
    ["an unknown sort", "sort=cheapest"],
    ["a negative price", "minPrice=-1"],
    ["a fractional price", "maxPrice=1.5"],
    ["limit 0", "limit=0"],
    ["limit 1000", "limit=1000"],
    ["a garbage cursor", "cursor=%%%"],
    ["a well-formed but foreign cursor", `cursor=${Buffer.from('{"v":1,"s":"name"}').toString("base64url")}`],
    ["an unknown key", "color=red"],
    ["a repeated key", "limit=1&limit=2"],
    ["minPrice above maxPrice", "minPrice=500&maxPrice=100"],
  ])("refuses %s with 400 in the standard error shape", async (_label, query) => {
    const res = await server.client().get(`/products?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.any(String) });
  });

  it("refuses a cursor replayed with another sort or filters (INVALID_CURSOR)", async () => {
    const first = await server.client().get("/products?limit=2&sort=name");
    const res = await server.client().get(`/products?limit=2&sort=newest&cursor=${first.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("INVALID_CURSOR");
  });

  it("has no write route: POST, PUT, PATCH and DELETE are refused", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await server.client().request(method, method === "POST" ? "/products" : `/products/${products[0]!.id}`, { json: {} });
      expect(res.status).toBe(405);
    }
  });
});

describe("GET /products/:idOrSlug", () => {
  it("finds by id and by slug, 404s otherwise", async () => {
    const p = products[3]!;
    expect((await server.client().get(`/products/${p.id}`)).body.sku).toBe(p.sku);
    expect((await server.client().get(`/products/${p.slug}`)).body.id).toBe(p.id);
    const missing = await server.client().get("/products/no-such-product");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("PRODUCT_NOT_FOUND");
  });

  it("both routes are in the OpenAPI document", async () => {
    const doc = (await server.client().get("/openapi.json")).body;
    expect(doc.paths["/products"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["limit", "cursor", "category", "minPrice", "maxPrice", "inStock", "q", "sort"]),
    );
    expect(doc.paths["/products/{idOrSlug}"].get.responses).toHaveProperty("404");
  });
});

describe("local media", () => {
  it("serves stored images and resized variants with content type, cache headers and conditional GET", async () => {
    const view = (await server.client().get(`/products/${products[0]!.slug}`)).body;
    const image = view.images[0];
    expect(image).toMatchObject({ width: 400, height: 300, url: "/media/products/loc-1/1.png" });
    const res = await fetch(server.url + image.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    // node:http, not fetch: fetch adds "Cache-Control: no-cache" to conditional requests, which rightly defeats them.
    const again = await new Promise<number>((resolve, reject) =>
      http.get(server.url + image.url, { headers: { "if-none-match": res.headers.get("etag")! } }, (r) => resolve(r.resume().statusCode!)).on("error", reject),
    );
    expect(again).toBe(304);
    const thumb = await fetch(server.url + image.variants.thumbnail);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(160);
  });

  it("answers a conditional GET from the etag alone: no read, no resize", async () => {
    const thumbUrl = (await server.client().get(`/products/${products[0]!.slug}`)).body.images[0].variants.thumbnail;
    const etag = (await fetch(server.url + thumbUrl)).headers.get("etag")!;
    const variants = join(dir, "media", ".variants");
    expect(existsSync(variants)).toBe(true);
    await rm(variants, { recursive: true });
    const status = await new Promise<number>((resolve, reject) =>
      http.get(server.url + thumbUrl, { headers: { "if-none-match": etag } }, (r) => resolve(r.resume().statusCode!)).on("error", reject),
    );
    expect(status).toBe(304);
    expect(existsSync(variants)).toBe(false);
    expect((await fetch(server.url + thumbUrl)).status).toBe(200);
    expect(existsSync(variants)).toBe(true);
  });

  it("404s unknown files, unknown sizes and path tricks", async () => {
    for (const path of ["/media/products/none.png", "/media/products/loc-1/1.png?w=999", "/media/../package.json", "/media/%2e%2e/package.json", "/media/.variants/x.png"]) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(404);
    }
  });
});
