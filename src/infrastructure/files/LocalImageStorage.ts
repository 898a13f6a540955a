import { copyFile, mkdir, rename, stat } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import sharp from "sharp";
import type { ImageStorage, ImageUpload, UploadOutcome } from "../../application/ports/ImageStorage.js";
import { ImageStorageFailed } from "../../application/ports/ImageStorage.js";
import type { MediaFile, MediaFiles, MediaWidth } from "../../application/ports/MediaFiles.js";
import { findMedia } from "./findMedia.js";

/** Stores images under a directory and serves them back (with resized variants) through the media route. */
export class LocalImageStorage implements ImageStorage, MediaFiles {
  readonly name = "local files";

  constructor(
    private readonly root: string,
    private readonly urlPrefix = "/media",
  ) {}

  async upload({ publicId, file }: ImageUpload): Promise<UploadOutcome> {
    const relative = `${publicId}${extname(file).toLowerCase()}`;
    const target = join(this.root, relative);
    const existed = await stat(target).then(
      () => true,
      () => false,
    );
    try {
      if (!existed) {
        await mkdir(dirname(target), { recursive: true });
        const tmp = `${target}.${process.pid}.tmp`;
        await copyFile(file, tmp);
        await rename(tmp, target);
      }
      const meta = await sharp(target).metadata();
      const { size } = await stat(target);
      const image = { publicId, url: `${this.urlPrefix}/${relative}`, width: meta.width ?? 0, height: meta.height ?? 0, format: meta.format ?? "", bytes: size };
      return { image, existed };
    } catch (error) {
      throw new ImageStorageFailed(`local store of ${publicId} failed: ${(error as Error).message}`, false);
    }
  }

  find(path: string, width?: MediaWidth): Promise<MediaFile | null> {
    return findMedia(this.root, path, width);
  }
}
