import { z } from "zod";
import type { HealthCheck } from "../../../application/ports/HealthCheck.js";
import { errorResponse } from "../schemas/errorSchemas.js";
import { route, type Route } from "./route.js";

export interface Readiness {
  checks: HealthCheck[];
  /** False once shutdown began, so load balancers stop sending traffic before we close. */
  accepting(): boolean;
}

const PING_TIMEOUT_MS = 2_000;

const healthSchema = z.object({ status: z.literal("ok") }).meta({ id: "Health" });
const readySchema = z.object({ status: z.literal("ready"), checks: z.record(z.string(), z.literal("ok")) }).meta({ id: "Ready" });

export function healthRoutes(readiness: Readiness): Route[] {
  return [
    route({
      method: "get",
      path: "/healthz",
      tag: "Operations",
      summary: "Liveness: the process is up",
      responses: { 200: { description: "Alive", schema: healthSchema } },
      async handle(ctx) {
        ctx.body = { status: "ok" };
      },
    }),
    route({
      method: "get",
      path: "/readyz",
      tag: "Operations",
      summary: "Readiness: every configured dependency answers",
      responses: { 200: { description: "Ready", schema: readySchema }, 503: errorResponse("NOT_READY with each check's result") },
      async handle(ctx) {
        const results = await Promise.all(readiness.checks.map(async (c) => [c.name, await probe(c)] as const));
        const checks = Object.fromEntries(results);
        const ready = readiness.accepting() && results.every(([, r]) => r === "ok");
        ctx.status = ready ? 200 : 503;
        ctx.body = ready
          ? { status: "ready", checks }
          : { error: { code: "NOT_READY", message: readiness.accepting() ? "A dependency is unreachable" : "Shutting down", details: checks } };
      },
    }),
  ];
}

async function probe(check: HealthCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.ping(), timeout]);
    return "ok";
  } catch (error) {
    return `unreachable: ${error instanceof Error ? error.message : "unknown error"}`;
  } finally {
    clearTimeout(timer);
  }
}
