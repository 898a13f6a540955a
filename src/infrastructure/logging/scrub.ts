/**
 * What may never reach a log, wherever it sits in a log object: the value of any key that names a credential, and any
 * bytes (a Buffer, a typed array, an ArrayBuffer), which are how request bodies and raw packets travel. Strings keep
 * their text but lose a URL's password and anything shaped like a JWT. Errors become `{type, message, stack, ...}`
 * with their own properties scrubbed the same way.
 */

export const CENSOR = "[redacted]";
const MAX_DEPTH = 10;
/** A key names a credential when, lower-cased and stripped of `-` and `_`, it contains one of these. */
const CREDENTIAL_WORDS = ["password", "passwd", "passphrase", "secret", "token", "cookie", "authorization", "jwt", "apikey", "credential", "privatekey", "signature"];
const URL_PASSWORD = /(\/\/[^\s/:@]*):[^\s/@]*@/g;
const JWT_SHAPED = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;

export function namesCredential(key: string): boolean {
  const plain = key.toLowerCase().replace(/[-_]/g, "");
  return CREDENTIAL_WORDS.some((word) => plain.includes(word));
}

export function scrub(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value !== "object" || value === null) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof SharedArrayBuffer)
    return `[${value.byteLength} bytes redacted]`;
  if (value instanceof Date) return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Error) return errorSummary(value, depth, seen);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return walk(toJSON.call(value), depth + 1, seen);
    return entries(value, Object.keys(value), depth, seen);
  } finally {
    seen.delete(value);
  }
}

function errorSummary(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const own = Object.keys(error);
  const extra = ["cause", "errors"].filter((key) => key in error && !own.includes(key));
  return {
    type: error.constructor?.name ?? error.name,
    message: scrubText(String(error.message)),
    stack: typeof error.stack === "string" ? scrubText(error.stack) : undefined,
    ...entries(error, [...own, ...extra], depth, seen),
  };
}

function entries(source: object, keys: string[], depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = (source as Record<string, unknown>)[key];
    // defineProperty, so that a key such as "__proto__" stays a plain key of the copy.
    Object.defineProperty(out, key, {
      value: namesCredential(key) ? CENSOR : walk(item, depth + 1, seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function scrubText(text: string): string {
  if (!text.includes("//") && !text.includes("eyJ")) return text;
  return text.replace(URL_PASSWORD, `$1:${CENSOR}@`).replace(JWT_SHAPED, CENSOR);
}
