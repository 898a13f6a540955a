import { z } from "zod";
import type { ProductCursor } from "../../../application/catalog/views/ProductCursor.js";
import { PRODUCT_SORTS } from "../../../domain/catalog/ProductQuery.js";

const VERSION = 1;

const wire = z.strictObject({
  v: z.literal(VERSION),
  s: z.enum(PRODUCT_SORTS),
  f: z.string().max(2000),
  k: z.union([z.number().finite(), z.string().max(500)]),
  i: z.string().min(1).max(200),
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

export const cursorParam = z
  .string()
  .max(4000)
  .transform((raw, ctx) => {
    const cursor = decode(raw);
    if (!cursor) ctx.addIssue({ code: "custom", message: "is not a cursor this API issued" });
    return cursor ?? z.NEVER;
  })
  .meta({ description: "Opaque cursor from a previous page's nextCursor" });
