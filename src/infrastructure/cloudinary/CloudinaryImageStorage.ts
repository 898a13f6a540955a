import http from "node:http";
import https from "node:https";
import type { UploadApiResponse } from "cloudinary";
import type { ImageStorage, ImageUpload, UploadOutcome } from "../../application/ports/ImageStorage.js";
import { translateCloudinaryError } from "./cloudinaryErrors.js";
import { ResponseHeaderTap } from "./responseHeaders.js";

export interface CloudinarySettings {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  /** Defaults to https://api.cloudinary.com; point it at a Cloudinary-compatible endpoint on loopback for tests. */
  uploadPrefix?: string | undefined;
  /**
   * Private CDN / custom delivery domain (from CLOUDINARY_URL's path or query), named as the SDK's url() names them.
   * When set, image URLs are built by the SDK with them instead of taken from the upload response.
   */
  delivery?: { secure_distribution?: string; private_cdn?: boolean; cname?: string; secure_cdn_subdomain?: boolean } | undefined;
  /** Root folder every public id lives under. */
  rootFolder: string;
  timeoutMs: number;
}

/**
 * Signed uploads with deterministic public ids and `overwrite: false`: uploading an image that is
 * already there returns the stored asset (`existing: true`) instead of creating a second one.
 */
export class CloudinaryImageStorage implements ImageStorage {
  readonly name = "Cloudinary";
  // The SDK picks http or https once, when it loads; an explicit keep-alive agent makes either prefix work and reuses sockets.
  readonly #agent: http.Agent;
  readonly #tap: ResponseHeaderTap;

  constructor(private readonly s: CloudinarySettings) {
    const secure = !s.uploadPrefix?.startsWith("http:");
    this.#agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.#tap = new ResponseHeaderTap(this.#agent);
  }

  async upload({ publicId, folder, file }: ImageUpload): Promise<UploadOutcome> {
    const id = `${this.s.rootFolder}/${publicId}`;
    let response: UploadApiResponse;
    // Loaded on first use: the SDK parses CLOUDINARY_URL when it loads, and must not pre-empt config validation.
    const { v2: cloudinary } = await import("cloudinary");
    const call = this.#tap.during(() =>
      cloudinary.uploader.upload(file, {
        public_id: id,
        asset_folder: `${this.s.rootFolder}/${folder}`,
        overwrite: false,
        unique_filename: false,
        resource_type: "image",
        cloud_name: this.s.cloudName,
        api_key: this.s.apiKey,
        api_secret: this.s.apiSecret,
        timeout: this.s.timeoutMs,
        agent: this.#agent,
        ...(this.s.uploadPrefix ? { upload_prefix: this.s.uploadPrefix } : {}),
      }),
    );
    try {
      response = await call.result;
    } catch (error) {
      throw translateCloudinaryError(error, id, call.headers());
    }
    return {
      image: {
        publicId: response.public_id,
        url: await this.deliveryUrl(response),
        width: response.width,
        height: response.height,
        format: response.format,
        bytes: response.bytes,
      },
      existed: (response as { existing?: boolean }).existing === true,
    };
  }

  private async deliveryUrl(response: UploadApiResponse): Promise<string> {
    const delivery = this.s.delivery;
    if (!delivery || Object.keys(delivery).length === 0) return response.secure_url;
    const { v2: cloudinary } = await import("cloudinary");
    return cloudinary.url(response.public_id, {
      ...delivery,
      secure: true,
      cloud_name: this.s.cloudName,
      resource_type: "image",
      type: "upload",
      version: response.version,
      format: response.format,
      // The SDK would append a usage-tracking query (`?_a=…`) that Cloudinary's own secure_url does not carry.
      urlAnalytics: false,
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
