import { z } from "zod";
import { PRODUCT_SORTS } from "../../../domain/catalog/ProductQuery.js";
import { cursorParam } from "./productCursorParam.js";
import { text } from "./text.js";

const LIMIT_DEFAULT = 24;
const LIMIT_MAX = 100;

// Query strings are strings: accept digits only, so "", " 1", "1e3" and "-5" are refused rather than coerced.
const integer = (min: number, max: number, description: string) =>
  z
    .string()
    .regex(/^\d{1,12}$/u, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ description });

export const listProductsQuery = z
  .strictObject({
    limit: integer(1, LIMIT_MAX, `Page size, 1 to ${LIMIT_MAX} (default ${LIMIT_DEFAULT})`).optional().default(LIMIT_DEFAULT),
    cursor: cursorParam.optional(),
    category: text({ min: 1, max: 100 }).optional().meta({ description: "Exact category name" }),
    minPrice: integer(0, 1_000_000_000, "Lowest price, inclusive, in minor units (cents)").optional(),
    maxPrice: integer(0, 1_000_000_000, "Highest price, inclusive, in minor units (cents)").optional(),
    inStock: z.enum(["true", "false"]).transform((v) => v === "true").optional().meta({ description: "true: stock > 0; false: sold out" }),
    q: text({ min: 1, max: 100 }).optional().meta({ description: "Words that must all appear in the name, description or tags" }),
    sort: z.enum(PRODUCT_SORTS).optional().default("newest"),
  })
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    message: "minPrice must not exceed maxPrice",
    path: ["minPrice"],
  })
  .meta({ id: "ListProductsQuery" });

export const productParams = z.strictObject({ idOrSlug: text({ min: 1, max: 200 }).meta({ description: "Product id or slug" }) });

const variantsSchema = z.object({ thumbnail: z.string(), medium: z.string(), large: z.string() }).meta({ id: "ImageVariants" });

const imageSchema = z
  .object({
    publicId: z.string(),
    url: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    alt: z.string(),
    position: z.number().int(),
    variants: variantsSchema,
  })
  .meta({ id: "ProductImage" });

export const productSchema = z
  .object({
    id: z.string(),
    sku: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    brand: z.string(),
    price: z.object({
      amount: z.number().int().meta({ description: "Minor units (cents)" }),
      currency: z.string().meta({ example: "USD" }),
    }),
    stock: z.number().int(),
    inStock: z.boolean(),
    rating: z.number(),
    tags: z.array(z.string()),
    images: z.array(imageSchema),
    createdAt: z.string().meta({ format: "date-time" }),
    updatedAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "Product" });

export const productPageSchema = z
  .object({
    items: z.array(productSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` with the same filters and sort for the next page; null on the last page" }),
  })
  .meta({ id: "ProductPage" });
