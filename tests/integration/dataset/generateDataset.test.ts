import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { generateDataset } from "../../../src/infrastructure/dataset/generateDataset.js";

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function render(seed: number) {
  const dir = await mkdtemp(join(tmpdir(), "bazaar-dataset-"));
  dirs.push(dir);
  const result = await generateDataset({ dir, seed, count: 6, imageSize: 64 });
  const files = (await readdir(join(dir, "images"))).sort();
  const hashes = await Promise.all(files.map(async (f) => createHash("sha256").update(await readFile(join(dir, "images", f))).digest("hex")));
  return { dir, result, json: await readFile(join(dir, "products.json"), "utf8"), files, hashes };
}

describe("generateDataset", () => {
  it("is deterministic: the same seed gives byte-identical products.json and images", async () => {
    const [a, b] = [await render(7), await render(7)];
    expect(a.json).toBe(b.json);
    expect(a.hashes).toEqual(b.hashes);
    expect(a.files).toHaveLength(30);
    expect((await render(8)).json).not.toBe(a.json);
  });

  it("gives each product 5 distinct images of the configured size, and reuses a finished dataset", async () => {
    const a = await render(9);
    const products = JSON.parse(a.json).products as { sku: string; slug: string; price: { amount: number }; images: { file: string }[] }[];
    expect(new Set(products.map((p) => p.slug)).size).toBe(6);
    expect(products.every((p) => Number.isInteger(p.price.amount) && p.images.length === 5)).toBe(true);
    expect(new Set(a.hashes).size).toBe(30);
    expect(await sharp(join(a.dir, products[0]!.images[0]!.file)).metadata()).toMatchObject({ width: 64, height: 64, format: "jpeg" });
    const again = await generateDataset({ dir: a.dir, seed: 9, count: 6, imageSize: 64 });
    expect(again.rendered).toBe(0);
  });
});
