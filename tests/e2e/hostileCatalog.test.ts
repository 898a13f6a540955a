import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHostileCase, hostileTarget, type HostileTarget } from "../support/hostileCases.js";
import { startCatalogServer, type CatalogServer } from "../support/hostileCatalog.js";

// Every query parameter of GET /products, the id or slug of GET /products/:idOrSlug, and the paths and ?w= of /media.

let catalog: CatalogServer;
let target: HostileTarget;
beforeAll(async () => {
  catalog = await startCatalogServer();
  target = await hostileTarget(catalog.server);
});
afterAll(() => catalog.stop());

type Expectation = { status: number; code?: string } | undefined;
/** A row: the path (a function when it needs this server's product, image or cursor) and, where settled, the answer. */
type Row = [name: string, path: string | ((c: CatalogServer) => string), expected?: Expectation];
const ok: Expectation = { status: 200 };
const invalid: Expectation = { status: 400, code: "VALIDATION_FAILED" };
const foreignCursor: Expectation = { status: 400, code: "INVALID_CURSOR" };
const noProduct: Expectation = { status: 404, code: "PRODUCT_NOT_FOUND" };
const noImage: Expectation = { status: 404, code: "NOT_FOUND" };

const wire = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const decoded = (c: CatalogServer) => JSON.parse(Buffer.from(c.cursor, "base64url").toString("utf8")) as Record<string, unknown>;
/** The cursor this server issued for /products?limit=2, with some fields changed: signed by nobody, so forgeable. */
const forged = (over: Record<string, unknown>) => (c: CatalogServer) => `/products?limit=2&cursor=${wire({ ...decoded(c), ...over })}`;

const products: Row[] = [
  ["no parameters (control)", "/products", ok],
  ["every parameter, well-formed (control)", "/products?limit=5&sort=price_asc&category=Odd&minPrice=0&maxPrice=999999&inStock=true&q=product", ok],
  ["limit -1", "/products?limit=-1", invalid],
  ["limit 0", "/products?limit=0", invalid],
  ["limit 101", "/products?limit=101", invalid],
  ["limit in exponent form", "/products?limit=1e2", invalid],
  ["limit in hex", "/products?limit=0x10", invalid],
  ["limit with a leading space", "/products?limit=%201", invalid],
  ["limit of twenty digits", "/products?limit=99999999999999999999", invalid],
  ["limit 1.0", "/products?limit=1.0", invalid],
  ["empty limit", "/products?limit=", invalid],
  ["limit repeated", "/products?limit=1&limit=2", invalid],
  ["limit as a bracket array", "/products?limit[]=1", invalid],
  ["limit as a bracket object", "/products?limit[$gt]=0", invalid],
  ["sort unknown", "/products?sort=cheapest", invalid],
  ["sort __proto__", "/products?sort=__proto__", invalid],
  ["sort toString", "/products?sort=toString", invalid],
  ["sort with an operator key", "/products?sort[$ne]=x", invalid],
  ["category empty", "/products?category=", invalid],
  ["category of spaces", "/products?category=%20%20", invalid],
  ["category over 100 characters", `/products?category=${"c".repeat(101)}`, invalid],
  ["category repeated", "/products?category=Odd&category=Even", invalid],
  ["category as an operator object", "/products?category[$ne]=x", invalid],
  ["category holding JSON operators", `/products?category=${encodeURIComponent('{"$gt":""}')}`, ok],
  ["category holding a regex", "/products?category=.*", ok],
  ["category with an encoded NUL", "/products?category=Odd%00"],
  ["category with a lone surrogate escape", "/products?category=%ED%A0%80"],
  ["minPrice negative", "/products?minPrice=-1", invalid],
  ["minPrice NaN", "/products?minPrice=NaN", invalid],
  ["minPrice Infinity", "/products?minPrice=Infinity", invalid],
  ["minPrice above the cap", "/products?minPrice=99999999999", invalid],
  ["maxPrice fractional", "/products?maxPrice=1.5", invalid],
  ["maxPrice in exponent form", "/products?maxPrice=1e9", invalid],
  ["minPrice above maxPrice", "/products?minPrice=500&maxPrice=100", invalid],
  ["inStock yes", "/products?inStock=yes", invalid],
  ["inStock TRUE", "/products?inStock=TRUE", invalid],
  ["inStock 1", "/products?inStock=1", invalid],
  ["inStock true and false", "/products?inStock=true&inStock=false", invalid],
  ["q empty", "/products?q=", invalid],
  ["q over 100 characters", `/products?q=${"q".repeat(101)}`, invalid],
  ["q a catastrophic regex", `/products?q=${encodeURIComponent("(a+)+$.*[")}`, ok],
  ["q a $where", `/products?q=${encodeURIComponent("$where: sleep(1000)")}`, ok],
  ["q markup", `/products?q=${encodeURIComponent("<script>alert(1)</script>")}`, ok],
  ["q with an encoded NUL", "/products?q=a%00b"],
  ["an unknown key", "/products?color=red", invalid],
  ["a __proto__ key", "/products?__proto__=1", invalid],
  ["a __proto__ bracket key", "/products?__proto__[limit]=1", invalid],
  ["a constructor key", "/products?constructor=1", invalid],
  ["a hasOwnProperty key", "/products?hasOwnProperty=1", invalid],
  ["a thousand unknown keys", `/products?${Array.from({ length: 1000 }, (_, i) => `k${i}=1`).join("&")}`, invalid],
  ["a ten-kilobyte query string", `/products?q=${"x".repeat(10_000)}`, invalid],
  ["a malformed percent escape", "/products?q=%E0%A4%A", ok],

  // Cursors: opaque to clients, so anything not issued by us for this query is refused.
  ["the issued cursor (control)", (c) => `/products?limit=2&cursor=${c.cursor}`, ok],
  ["the issued cursor with another sort", (c) => `/products?limit=2&sort=name&cursor=${c.cursor}`, foreignCursor],
  ["the issued cursor with another filter", (c) => `/products?limit=2&inStock=true&cursor=${c.cursor}`, foreignCursor],
  ["the issued cursor twice", (c) => `/products?limit=2&cursor=${c.cursor}&cursor=${c.cursor}`, invalid],
  ["the issued cursor, truncated", (c) => `/products?limit=2&cursor=${c.cursor.slice(0, -5)}`, { status: 400 }],
  ["percent garbage as a cursor", "/products?cursor=%%%", invalid],
  ["base64 garbage as a cursor", `/products?cursor=${Buffer.from([0xff, 0x00, 0xfe, 0x01, 0x80]).toString("base64url")}`, invalid],
  ["standard base64 with padding as a cursor", `/products?cursor=${encodeURIComponent(Buffer.from('{"v":1}').toString("base64"))}`, invalid],
  ["a cursor over 4000 characters", `/products?cursor=${"A".repeat(4_100)}`, invalid],
  ["a cursor of version 2", forged({ v: 2 }), invalid],
  ["a cursor with an unknown field", forged({ admin: true }), invalid],
  ["a cursor with a __proto__ field", (c) => `/products?limit=2&cursor=${wire(JSON.stringify(decoded(c)).replace(/^\{/, '{"__proto__":{"x":1},'))}`, invalid],
  ["a cursor whose key is an operator", forged({ k: { $gt: "" } }), invalid],
  ["a cursor whose key is beyond double range", (c) => `/products?limit=2&cursor=${wire(JSON.stringify({ ...decoded(c), k: 0 }).replace('"k":0', '"k":1e999'))}`, invalid],
  ["a cursor whose id is 201 characters", forged({ i: "i".repeat(201) }), invalid],
  ["a cursor whose id is no product", forged({ i: "prd_nonexistent" })],
  ["a cursor whose key has the wrong type for the sort", forged({ k: "a string key" })],
  ["a cursor naming the sort the query does not use", forged({ s: "price_desc" }), foreignCursor],
];

const one: Row[] = [
  ["by id (control)", (c) => `/products/${c.product.id}`, ok],
  ["by slug (control)", (c) => `/products/${c.product.slug}`, ok],
  ["an unknown id", "/products/prd_99999", noProduct],
  ["__proto__", "/products/__proto__", noProduct],
  ["constructor", "/products/constructor", noProduct],
  ["toString", "/products/toString", noProduct],
  ["hasOwnProperty", "/products/hasOwnProperty", noProduct],
  ["an encoded traversal", "/products/..%2f..%2fpackage.json", noProduct],
  ["an encoded dot-dot", "/products/%2e%2e", noProduct],
  ["a raw traversal", "/products/../package.json", { status: 404 }],
  ["an encoded slash inside the id", (c) => `/products/${c.product.id}%2Fextra`, noProduct],
  ["an encoded backslash", "/products/..%5c..%5cpackage.json", noProduct],
  ["an encoded NUL", "/products/%00", invalid],
  ["an id followed by an encoded NUL", (c) => `/products/${c.product.id}%00`, invalid],
  ["a malformed percent escape", "/products/%E0%A4%A", { status: 404 }],
  ["invalid UTF-8 escapes", "/products/%ff%fe", { status: 404 }],
  ["an encoded operator object", `/products/${encodeURIComponent('{"$ne":null}')}`, noProduct],
  ["an id of 201 characters", `/products/${"p".repeat(201)}`, invalid],
  ["an id of 8000 characters", `/products/${"p".repeat(8_000)}`, invalid],
  ["a bidi override", "/products/%E2%80%AEprd_00001", invalid],
  ["a double slash", "/products//x", { status: 404 }],
  ["an id with a query the route does not take", (c) => `/products/${c.product.id}?__proto__[x]=1&limit=-1`, ok],
];

const media: Row[] = [
  ["the image (control)", (c) => c.mediaPath, ok],
  ["width 160 (control)", (c) => `${c.mediaPath}?w=160`, ok],
  ["width -160", (c) => `${c.mediaPath}?w=-160`, noImage],
  ["width 0", (c) => `${c.mediaPath}?w=0`, noImage],
  ["width 99999999", (c) => `${c.mediaPath}?w=99999999`, noImage],
  ["width not a number", (c) => `${c.mediaPath}?w=wide`, noImage],
  ["width 160.0", (c) => `${c.mediaPath}?w=160.0`, noImage],
  ["width in exponent form", (c) => `${c.mediaPath}?w=1.6e2`, noImage],
  ["width empty", (c) => `${c.mediaPath}?w=`, noImage],
  ["width repeated", (c) => `${c.mediaPath}?w=160&w=320`, noImage],
  ["width as a bracket array", (c) => `${c.mediaPath}?w[]=160`, ok],
  ["width __proto__", (c) => `${c.mediaPath}?w=__proto__`, noImage],
  // The image's source file sits one level above the media folder: a traversal that worked would find it.
  ["an encoded traversal to a real file", "/media/..%2fsource.png", noImage],
  ["a raw traversal to a real file", "/media/products/../../source.png", noImage],
  ["an encoded traversal", "/media/..%2f..%2fpackage.json", noImage],
  ["a traversal after a real folder", "/media/products/hst-1/..%2f..%2f..%2fpackage.json", noImage],
  ["encoded dot-dots", "/media/%2e%2e/%2e%2e/package.json", noImage],
  ["a raw traversal", "/media/../package.json", noImage],
  ["a backslash traversal", "/media/..%5c..%5cpackage.json", noImage],
  ["an encoded NUL before the extension", (c) => `${c.mediaPath}%00.jpg`, noImage],
  ["an encoded NUL alone", "/media/%00", noImage],
  ["an absolute path", "/media//etc/passwd", noImage],
  ["the media root", "/media/", noImage],
  ["a hidden folder", "/media/.variants/w160/products/hst-1/1.png", noImage],
  ["upper-case extension", (c) => c.mediaPath.replace(/\.png$/, ".PNG"), noImage],
  ["a trailing slash", (c) => `${c.mediaPath}/`, noImage],
  ["a file name of 5000 characters", `/media/${"a".repeat(5_000)}.png`, noImage],
  ["a path of 2000 folders", `/media/${"a/".repeat(2_000)}x.png`, noImage],
  ["a malformed percent escape", "/media/%E0%A4%A.png", noImage],
];

describe.each([
  ["GET /products", products],
  ["GET /products/:idOrSlug", one],
  ["GET /media/*", media],
])("hostile input on %s", (_route, rows) => {
  it.each(rows)("%s", async (name, path, expected) => {
    await checkHostileCase(target, { name, path: typeof path === "string" ? path : path(catalog), expect: expected });
  });
});

describe("after all of the above", () => {
  it("still pages through the catalog and serves the image", async () => {
    expect((await catalog.server.client().get("/products?limit=100")).body.items).toHaveLength(13);
    expect((await fetch(catalog.server.url + catalog.mediaPath)).status).toBe(200);
  });
});
