export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

// Scheme, host, optional port; nothing after. Checked on the raw text, because the URL parser would quietly
// turn "https://a.example/" or "https://a.example/app" into an origin.
const ORIGIN = /^https?:\/\/[^/?#@\s\\]+$/iu;

/**
 * CORS_ORIGINS: a comma-separated list of exact origins. Each is stored as browsers send it in `Origin`
 * (lower-case, IDN as punycode, default port dropped), so the per-request check is a plain set lookup.
 * `*` is refused: responses carry credentials, and a wildcard would hand every site a logged-in user's data.
 */
export function corsOrigins(list: string): Parsed<string[]> {
  const origins: string[] = [];
  for (const entry of list.split(",").map((o) => o.trim()).filter(Boolean)) {
    const name = JSON.stringify(entry);
    if (entry.includes("*")) return { ok: false, error: `entry ${name} is a wildcard; credentials are on, so list each origin` };
    if (!ORIGIN.test(entry) || !URL.canParse(entry))
      return { ok: false, error: `entry ${name} is not an origin: scheme http or https, a host and an optional port (no path, no trailing slash, no query)` };
    const origin = new URL(entry).origin;
    if (!origins.includes(origin)) origins.push(origin);
  }
  return { ok: true, value: origins };
}
