import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import sharp from "sharp";
import type { MediaFile, MediaWidth } from "../../application/ports/MediaFiles.js";

const CONTENT_TYPES = new Map([[".jpg", "image/jpeg"], [".jpeg", "image/jpeg"], [".png", "image/png"], [".webp", "image/webp"]]);
// Lower-case segments of safe characters only: no "..", no hidden files, no absolute paths.
const SAFE_PATH = /^(?:[a-z0-9][a-z0-9_-]*\/)*[a-z0-9][a-z0-9_-]*\.(?:jpe?g|png|webp)$/u;

/** The etag comes from the original's size and mtime and the width, so it is known before any read or resize. */
export async function findMedia(root: string, path: string, width?: MediaWidth): Promise<MediaFile | null> {
  if (!SAFE_PATH.test(path)) return null;
  const original = join(root, path);
  const info = await stat(original).catch(() => null);
  if (!info?.isFile()) return null;
  return {
    contentType: CONTENT_TYPES.get(extname(path)) ?? "application/octet-stream",
    etag: `"${info.size.toString(36)}-${info.mtimeMs.toString(36)}-${width ?? 0}"`,
    modifiedAt: info.mtime,
    bytes: async () => readFile(width ? await resized(root, path, original, width) : original),
  };
}

/** Made on first request and kept next to the originals, so each size costs one resize, ever. */
async function resized(root: string, path: string, original: string, width: MediaWidth): Promise<string> {
  const target = join(root, ".variants", `w${width}`, path);
  if (await stat(target).then(() => true, () => false)) return target;
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, await sharp(original).resize({ width, withoutEnlargement: true }).toBuffer());
  await rename(tmp, target);
  return target;
}
