/** Delivery-URL settings of a Cloudinary account (private CDN, custom domain), as the SDK's url() names them. */
export interface CloudinaryDelivery {
  secure_distribution?: string;
  private_cdn?: boolean;
  cname?: string;
  secure_cdn_subdomain?: boolean;
}

export interface CloudinaryUrlParts {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  uploadPrefix: string | undefined;
  delivery: CloudinaryDelivery;
  /** Query parameters the SDK would accept but Bazaar does not use: named (never their values) in a startup warning. */
  ignored: string[];
}

export class CloudinaryUrlError extends Error {}

const FORM = "must look like cloudinary://API_KEY:API_SECRET@CLOUD_NAME[/SECURE_DISTRIBUTION][?upload_prefix=…&secure_distribution=…&private_cdn=true]";
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/iu;
const ORIGIN = /^https?:\/\/[^/?#@\s]+$/u;

/** An http(s) origin such as https://api-eu.cloudinary.com: the one shape an upload prefix may take (no path). */
export function isUploadPrefix(value: string): boolean {
  return ORIGIN.test(value) && URL.canParse(value);
}

/**
 * Reads CLOUDINARY_URL the way the Cloudinary SDK does: credentials and cloud name, an optional path naming the
 * private CDN's secure distribution, and query parameters that override any SDK setting. The ones that matter to
 * Bazaar are checked; other parameters are ignored (and reported) rather than refused, so a URL copied from the
 * console keeps working.
 */
export function parseCloudinaryUrl(value: string): CloudinaryUrlParts {
  if (!/^cloudinary:\/\//iu.test(value) || !URL.canParse(value)) throw new CloudinaryUrlError(FORM);
  const url = new URL(value);
  if (!url.hostname || !url.username || !url.password || url.port || url.hash) throw new CloudinaryUrlError(FORM);
  const delivery: CloudinaryDelivery = {};
  const path = url.pathname.replace(/^\//u, "");
  if (path) {
    delivery.private_cdn = true;
    delivery.secure_distribution = host(path, "its path (the secure distribution)");
  }
  let uploadPrefix: string | undefined;
  const ignored: string[] = [];
  for (const [key, raw] of url.searchParams) {
    switch (key) {
      case "upload_prefix":
        if (!isUploadPrefix(raw)) throw new CloudinaryUrlError("upload_prefix must be an origin like https://api-eu.cloudinary.com (no path)");
        uploadPrefix = raw;
        break;
      case "secure_distribution":
        delivery.secure_distribution = host(raw, "secure_distribution");
        break;
      case "cname":
        delivery.cname = host(raw, "cname");
        break;
      case "private_cdn":
      case "secure_cdn_subdomain":
        delivery[key] = flag(raw, key);
        break;
      default:
        ignored.push(key);
    }
  }
  return {
    cloudName: decodeURIComponent(url.hostname),
    apiKey: decodeURIComponent(url.username),
    apiSecret: decodeURIComponent(url.password),
    uploadPrefix,
    delivery,
    ignored,
  };
}

function host(value: string, name: string): string {
  if (!HOST.test(value)) throw new CloudinaryUrlError(`${name} must be a host name like media.example.com`);
  return value.toLowerCase();
}

function flag(value: string, name: string): boolean {
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new CloudinaryUrlError(`${name} must be true or false`);
}
