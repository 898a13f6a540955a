import { mkdir, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDataset } from "../../src/infrastructure/dataset/generateDataset.js";

export const TEST_DATASET = { seed: 42, count: 1000, imageSize: 32 };

/**
 * The full 1000-product dataset with tiny images, rendered once per machine and shared by test files
 * (generation is deterministic and incremental, so a cached copy is exactly what a fresh run would make).
 * A lock file keeps two test workers from rendering it at the same time.
 */
export async function sharedTestDataset(): Promise<string> {
  const { seed, count, imageSize } = TEST_DATASET;
  const dir = join(tmpdir(), `bazaar-test-dataset-${seed}-${count}-${imageSize}`);
  await mkdir(dir, { recursive: true });
  const lock = join(dir, ".lock");
  for (const deadline = Date.now() + 120_000; ; ) {
    try {
      await (await open(lock, "wx")).close();
      break;
    } catch {
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now());
      if (age > 120_000) await rm(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    await generateDataset({ dir, seed, count, imageSize });
  } finally {
    await rm(lock, { force: true });
  }
  return dir;
}
