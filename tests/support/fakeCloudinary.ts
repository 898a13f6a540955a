import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { expectedSignature } from "./cloudinarySignature.js";
import { parseMultipart } from "./multipart.js";

export interface Faults {
  /** Probabilities per upload request, checked in this order. */
  rate429?: number;
  /**
   * When set, a 429 says how long to wait (`Retry-After` in whole seconds and Cloudinary's `X-FeatureRateLimit-Reset`
   * date) and means it: for that long every upload is answered 429, as an account-wide rate limit would be.
   */
  retryAfterSeconds?: number;
  rate500?: number;
  /** Connection destroyed before anything is stored. */
  drop?: number;
  /** Asset stored, then the connection destroyed: the client must not create it twice when it retries. */
  dropAfterStore?: number;
}

export interface FakeCloudinaryOptions {
  cloudName?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Each upload waits latencyMs ± 50 %. */
  latencyMs?: number;
  faults?: Faults;
  port?: number;
}

interface Asset {
  publicId: string;
  version: number;
  format: string;
  width: number;
  height: number;
  bytes: number;
  etag: string;
  assetFolder: string;
  createdAt: string;
  data: Buffer;
}

/** Cloudinary's upload API on loopback, for the real SDK: signed multipart uploads, overwrite:false, and injectable faults. */
export async function startFakeCloudinary(o: FakeCloudinaryOptions = {}) {
  const cloud = o.cloudName ?? "bazaar-test";
  const apiKey = o.apiKey ?? "123456789012345";
  const apiSecret = o.apiSecret ?? "fake-secret-abcdefghijklmnopqrstu";
  const state = { latencyMs: o.latencyMs ?? 0, faults: { ...o.faults } as Faults };
  const assets = new Map<string, Asset>();
  const stats = {
    requests: 0,
    byStatus: {} as Record<number, number>,
    created: new Map<string, number>(),
    dropped: 0,
    signatureFailures: 0,
    /** Rate-limit windows opened and their total length: time no client could have stored anything. */
    rateLimitWindows: 0,
    rateLimitedMs: 0,
  };
  let limitedUntil = 0;
  let origin = "";

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, status: number, message: string) => send(res, status, { error: { message } });
  const rateLimited = (res: http.ServerResponse) => {
    const now = Date.now();
    const seconds = state.faults.retryAfterSeconds;
    if (seconds !== undefined && limitedUntil <= now) {
      limitedUntil = now + seconds * 1000;
      stats.rateLimitWindows++;
      stats.rateLimitedMs += seconds * 1000;
    }
    if (limitedUntil > now) {
      res.setHeader("retry-after", String(Math.ceil((limitedUntil - now) / 1000)));
      res.setHeader("x-featureratelimit-limit", "500");
      res.setHeader("x-featureratelimit-remaining", "0");
      res.setHeader("x-featureratelimit-reset", new Date(limitedUntil).toUTCString());
    }
    fail(res, 429, "Rate Limit Exceeded");
  };
  const drop = (req: http.IncomingMessage) => {
    stats.dropped++;
    req.socket.destroy();
  };
  const describe = (a: Asset) => ({
    asset_id: createHash("md5").update(a.publicId).digest("hex"),
    public_id: a.publicId,
    version: a.version,
    version_id: createHash("md5").update(`${a.publicId}@${a.version}`).digest("hex"),
    signature: createHash("sha1").update(a.etag).digest("hex"),
    width: a.width,
    height: a.height,
    format: a.format,
    resource_type: "image",
    created_at: a.createdAt,
    tags: [],
    bytes: a.bytes,
    type: "upload",
    etag: a.etag,
    placeholder: false,
    url: `${origin}/${cloud}/image/upload/v${a.version}/${a.publicId}.${a.format}`.replace(/^https:/u, "http:"),
    secure_url: `${origin}/${cloud}/image/upload/v${a.version}/${a.publicId}.${a.format}`,
    asset_folder: a.assetFolder,
    display_name: a.publicId.split("/").at(-1),
    api_key: apiKey,
  });

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs * (0.5 + Math.random())));
    const f = state.faults;
    if (limitedUntil > Date.now()) return rateLimited(res);
    const roll = Math.random();
    const cut = [f.rate429 ?? 0, f.rate500 ?? 0, f.drop ?? 0].reduce<number[]>((acc, p) => [...acc, (acc.at(-1) ?? 0) + p], []);
    if (roll < cut[0]!) return rateLimited(res);
    if (roll < cut[1]!) return fail(res, 500, "General Error");
    if (roll < cut[2]!) return drop(req);

    const form = parseMultipart(body, req.headers["content-type"] ?? "");
    const fields = form.fields;
    if (fields.api_key !== apiKey) return fail(res, 401, `Unknown API key ${fields.api_key ?? ""}`);
    if (!fields.signature || fields.signature !== expectedSignature({ ...fields }, apiSecret)) {
      stats.signatureFailures++;
      return fail(res, 401, "Invalid Signature");
    }
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 3600) return fail(res, 400, "Stale request - reported time is too far from now");
    if (!form.file) return fail(res, 400, "Missing required parameter - file");

    const publicId = fields.public_id || randomBytes(10).toString("hex");
    const existing = assets.get(publicId);
    const overwrite = !["0", "false"].includes(fields.overwrite ?? "true");
    if (existing && !overwrite) return send(res, 200, { ...describe(existing), existing: true });

    const meta = await sharp(form.file.data).metadata().catch(() => null);
    if (!meta?.width || !meta.height) return fail(res, 400, "Invalid image file");
    const asset: Asset = {
      publicId,
      version: Math.floor(Date.now() / 1000) + (existing ? 1 : 0),
      format: meta.format === "jpeg" ? "jpg" : (meta.format ?? "jpg"),
      width: meta.width,
      height: meta.height,
      bytes: form.file.data.length,
      etag: createHash("md5").update(form.file.data).digest("hex"),
      assetFolder: fields.asset_folder ?? "",
      createdAt: new Date().toISOString(),
      data: form.file.data,
    };
    assets.set(publicId, asset);
    stats.created.set(publicId, (stats.created.get(publicId) ?? 0) + 1);
    if (Math.random() < (f.dropAfterStore ?? 0)) return drop(req);
    send(res, 200, describe(asset));
  }

  /** Delivery URLs work too (transformations are ignored), so a catalog imported here is browsable. */
  function deliver(path: string, res: http.ServerResponse): void {
    const m = new RegExp(`^/${cloud}/image/upload/(?:.*/)?v\\d+/(.+)\\.(\\w+)$`, "u").exec(path);
    const asset = m ? assets.get(decodeURIComponent(m[1]!)) : undefined;
    if (!asset) return fail(res, 404, "Resource not found");
    res.writeHead(200, { "content-type": asset.format === "png" ? "image/png" : "image/jpeg", "cache-control": "public, max-age=2592000" });
    res.end(asset.data);
  }

  const server = http.createServer((req, res) => {
    stats.requests++;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method === "GET") return deliver(path, res);
    if (req.method !== "POST" || path !== `/v1_1/${cloud}/image/upload`) return fail(res, 404, `No route ${req.method} ${path}`);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      upload(req, res, Buffer.concat(chunks)).catch((error: unknown) => fail(res, 500, `fake failed: ${String(error)}`));
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(o.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    cloudName: cloud,
    apiKey,
    apiSecret,
    /** What to put in CLOUDINARY_URL and CLOUDINARY_UPLOAD_PREFIX to use this endpoint. */
    cloudinaryUrl: `cloudinary://${apiKey}:${apiSecret}@${cloud}`,
    uploadPrefix: origin,
    assets,
    stats,
    setLatency: (ms: number) => void (state.latencyMs = ms),
    setFaults: (faults: Faults) => {
      state.faults = { ...faults };
      limitedUntil = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type FakeCloudinary = Awaited<ReturnType<typeof startFakeCloudinary>>;
