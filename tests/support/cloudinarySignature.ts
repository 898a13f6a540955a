import { createHash } from "node:crypto";

// Never part of the signature, per Cloudinary's "Generating authentication signatures" docs.
const UNSIGNED = new Set(["file", "cloud_name", "resource_type", "api_key", "signature"]);

/**
 * Written from Cloudinary's documentation, not from the SDK: every other parameter, sorted by name,
 * as `name=value` joined with `&` (a literal `&` in a value escaped as %26), then the API secret appended, SHA-1, hex.
 */
export function expectedSignature(fields: Record<string, string>, apiSecret: string, algorithm: "sha1" | "sha256" = "sha1"): string {
  const toSign = Object.entries(fields)
    .filter(([name, value]) => !UNSIGNED.has(name) && value !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`.replace(/&/gu, "%26"))
    .join("&");
  return createHash(algorithm).update(toSign + apiSecret).digest("hex");
}
