import { z } from "zod";
import type { HealthCheck } from "../../../application/ports/HealthCheck.js";
import type { Logger } from "../../../infrastructure/logging/logger.js";
import { errorBody } from "../errors/errorHandler.js";
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

type CheckResult = "ok" | "unavailable";

/** Callers learn which check failed; why it failed (hosts, ports, driver messages) goes to the log only. */
export function healthRoutes(readiness: Readiness, logger: Logger): Route[] {
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
      responses: {
        200: { description: "Ready", schema: readySchema },
        503: errorResponse("NOT_READY; `details` maps each check to `ok` or `unavailable`"),
      },
      async handle(ctx) {
        const results = await Promise.all(readiness.checks.map(async (c) => [c.name, await probe(c, logger)] as const));
        const checks = Object.fromEntries(results);
        const failed = results.filter(([, r]) => r !== "ok").map(([name]) => name);
        const ready = readiness.accepting() && failed.length === 0;
        ctx.status = ready ? 200 : 503;
        const message = !readiness.accepting() ? "Shutting down" : `Unavailable: ${failed.join(", ")}`;
        ctx.body = ready ? { status: "ready", checks } : errorBody("NOT_READY", message, checks);
      },
    }),
  ];
}

async function probe(check: HealthCheck, logger: Logger): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.ping(), timeout]);
    return "ok";
  } catch (error) {
    logger.warn({ check: check.name, err: error }, "readiness check failed");
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}
