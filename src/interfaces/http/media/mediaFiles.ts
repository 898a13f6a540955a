import type { Context, Next } from "koa";
import { HttpError } from "../errors/HttpError.js";
import { MEDIA_WIDTHS, type MediaFiles, type MediaWidth } from "../../../application/ports/MediaFiles.js";

const PREFIX = "/media/";
const notFound = () => new HttpError(404, "NOT_FOUND", "No such image (or size)");

/** Serves locally stored catalog images (the embedded default); Cloudinary-hosted images never come through here. */
export function mediaFiles(files: MediaFiles) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (!ctx.path.startsWith(PREFIX) || (ctx.method !== "GET" && ctx.method !== "HEAD")) return next();
    const w = ctx.query.w;
    const width = typeof w === "string" ? (MEDIA_WIDTHS.find((n) => String(n) === w) as MediaWidth | undefined) : undefined;
    if (w !== undefined && width === undefined) throw notFound();
    const file = await files.find(ctx.path.slice(PREFIX.length), width);
    if (!file) throw notFound();
    ctx.set("Cache-Control", "public, max-age=86400");
    // helmet defaults to same-origin; images are meant to be embedded by storefronts on other origins.
    ctx.set("Cross-Origin-Resource-Policy", "cross-origin");
    ctx.etag = file.etag;
    ctx.lastModified = file.modifiedAt;
    ctx.type = file.contentType;
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    const data = await file.bytes();
    ctx.body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  };
}
