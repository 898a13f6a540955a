import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { PRODUCTS } from "../../src/composition/tokens.js";
import type { Product } from "../../src/domain/catalog/Product.js";
import { LocalImageStorage } from "../../src/infrastructure/files/LocalImageStorage.js";
import { aProduct } from "./productFixtures.js";
import { startTestServer, type TestServer } from "./testServer.js";

export interface CatalogServer {
  server: TestServer;
  /** A product with a locally stored image, so /media has a real file to serve. */
  product: Product;
  mediaPath: string;
  /** A cursor this server issued, for rows that tamper with one. */
  cursor: string;
  stop(): Promise<void>;
}

/** The real app with a small catalog (as in catalogHttp.test.ts): a dozen products, one image on local disk. */
export async function startCatalogServer(): Promise<CatalogServer> {
  const dir = await mkdtemp(join(tmpdir(), "bazaar-hostile-catalog-"));
  const server = await startTestServer({ CATALOG_DATA_DIR: dir });
  const source = join(dir, "source.png");
  await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c63" } }).png().toFile(source);
  const { image } = await new LocalImageStorage(join(dir, "media")).upload({ publicId: "products/hst-1/1", folder: "products/hst-1", file: source });
  const product = aProduct({ sku: "HST-1", images: [{ publicId: image.publicId, url: image.url, width: image.width, height: image.height, alt: "orange", position: 1 }] });
  const others = Array.from({ length: 12 }, (_, i) => aProduct({ category: i % 2 ? "Odd" : "Even", stock: i % 3 }));
  await server.server.runtime.container.resolve(PRODUCTS).upsertMany([product, ...others]);
  const cursor = (await server.client().get("/products?limit=2")).body.nextCursor as string;
  return {
    server,
    product,
    mediaPath: image.url,
    cursor,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
