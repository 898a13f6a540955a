import type Router from "@koa/router";
import type { Context, Middleware } from "koa";
import type { z } from "zod";
import { validationFailed } from "../errors/HttpError.js";

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

type Schema = z.ZodType;

/** One route: its contract (validated at runtime and published as OpenAPI from the same object) and its handler. */
export interface Route<B extends Schema = Schema, Q extends Schema = Schema, P extends Schema = Schema> {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** Koa-style path, e.g. /products/:idOrSlug */
  path: string;
  summary: string;
  tag: string;
  auth?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  responses: Record<number, ResponseSpec>;
  guards?: Middleware[];
  handle(ctx: Context, input: { body: z.output<B>; query: z.output<Q>; params: z.output<P> }): Promise<void>;
}

export function route<B extends Schema = z.ZodUnknown, Q extends Schema = z.ZodUnknown, P extends Schema = z.ZodUnknown>(
  definition: Route<B, Q, P>,
): Route {
  return definition as unknown as Route;
}

export function mount(router: Router, routes: Route[]): void {
  for (const r of routes) {
    router[r.method](r.path, ...(r.guards ?? []), async (ctx: Context) => {
      const input = {
        body: parse(r.body, ctx.request.body ?? {}, "body"),
        query: parse(r.query, ctx.query, "query"),
        params: parse(r.params, ctx.params, "path"),
      };
      await r.handle(ctx, input);
    });
  }
}

function parse(schema: Schema | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: fieldName(issue),
    message: issue.message,
  }));
  const summary = details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; ");
  return failWith(`Invalid request ${where}: ${summary}`, details);
}

/** Unknown keys are reported by name, so `{"role":"admin"}` says "role", not just "unrecognized". */
function fieldName(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return issue.keys.join(", ");
  return issue.path.map(String).join(".");
}

function failWith(message: string, details: unknown): never {
  throw validationFailed(message, details);
}
