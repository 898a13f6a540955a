import type { GetProduct } from "../../../application/catalog/GetProduct.js";
import type { ListProducts } from "../../../application/catalog/ListProducts.js";
import { errorResponse } from "../schemas/errorSchemas.js";
import { encodeCursor } from "../schemas/productCursorParam.js";
import { listProductsQuery, productPageSchema, productParams, productSchema } from "../schemas/productSchemas.js";
import { route, type Route } from "./route.js";

export interface CatalogDeps {
  listProducts: ListProducts;
  getProduct: GetProduct;
}

/** Read-only on purpose: catalog writes happen through the import, never through an unauthenticated route. */
export function productRoutes(d: CatalogDeps): Route[] {
  return [
    route({
      method: "get",
      path: "/products",
      tag: "Catalog",
      summary: "Browse products: keyset pagination, filters, text search and sort",
      query: listProductsQuery,
      responses: {
        200: { description: "One page of products", schema: productPageSchema },
        400: errorResponse("VALIDATION_FAILED naming the parameter, or INVALID_CURSOR for a cursor from another sort or filter set"),
      },
      async handle(ctx, { query }) {
        const page = await d.listProducts.execute(query);
        ctx.body = { items: page.items, nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
      },
    }),
    route({
      method: "get",
      path: "/products/:idOrSlug",
      tag: "Catalog",
      summary: "One product by id or slug",
      params: productParams,
      responses: { 200: { description: "The product", schema: productSchema }, 404: errorResponse("PRODUCT_NOT_FOUND") },
      async handle(ctx, { params }) {
        ctx.body = await d.getProduct.execute({ idOrSlug: params.idOrSlug });
      },
    }),
  ];
}
