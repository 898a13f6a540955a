import { z } from "zod";
import type { ProductCursor } from "../../../application/catalog/views/ProductCursor.js";
import { PRODUCT_SORTS } from "../../../domain/catalog/ProductQuery.js";
import { text } from "./text.js";

const VERSION = 1;

// Decoded cursors are outside input too (anyone can base64 a JSON): strings inside must at least be well-formed.
// They are compared with what this API wrote, so they are neither trimmed nor filtered further.
const inner = (min: number, max: number) => text({ min, max, trim: false, controls: "any", format: "any" });

const wire = z.strictObject({
  v: z.literal(VERSION),
  s: z.enum(PRODUCT_SORTS),
  f: inner(0, 2000),
  k: z.union([z.number().finite(), inner(0, 500)]),
  i: inner(1, 200),
});

/** Opaque to clients: base64url JSON of the sort key, the id and the sort and filters it was issued for. */
export function encodeCursor(c: ProductCursor): string {
  return Buffer.from(JSON.stringify({ v: VERSION, s: c.sort, f: c.filters, k: c.key, i: c.id })).toString("base64url");
}

function decode(raw: string): ProductCursor | null {
  if (!/^[A-Za-z0-9_-]+$/u.test(raw)) return null;
  try {
    const parsed = wire.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? { sort: parsed.data.s, filters: parsed.data.f, key: parsed.data.k, id: parsed.data.i } : null;
  } catch {
    return null;
  }
}

export const cursorParam = text({ max: 4000 })
  .transform((raw, ctx) => {
    const cursor = decode(raw);
    if (!cursor) ctx.addIssue({ code: "custom", message: "is not a cursor this API issued" });
    return cursor ?? z.NEVER;
  })
  .meta({ description: "Opaque cursor from a previous page's nextCursor" });
