import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import type { z } from "zod";
import type { Route } from "../routes/route.js";

/** Built from the very Route objects the router validates with, so the document cannot drift from behaviour. */
export function openApiDocument(routes: Route[], cookieName: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, "{$1}");
    paths[path] = { ...paths[path], [r.method]: operation(r) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: { title: "Bazaar API", version: "1.0.0", description: "Accounts, events and catalog for the Bazaar marketplace." },
    paths,
    components: {
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: cookieName },
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
      },
    },
  });
}

function operation(r: Route): ZodOpenApiOperationObject {
  const responses = Object.fromEntries(
    Object.entries(r.responses).map(([status, spec]) => [
      status,
      {
        description: spec.description,
        ...(spec.schema ? { content: { [spec.contentType ?? "application/json"]: { schema: spec.schema } } } : {}),
      },
    ]),
  );
  return {
    tags: [r.tag],
    summary: r.summary,
    ...(r.auth ? { security: [{ sessionCookie: [] }, { bearer: [] }] } : {}),
    ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: r.body } } } } : {}),
    requestParams: {
      ...(r.query ? { query: r.query as z.ZodObject } : {}),
      ...(r.params ? { path: r.params as z.ZodObject } : {}),
    },
    responses,
  };
}
