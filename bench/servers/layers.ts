import Koa from "koa";
import { loadConfig } from "../../src/infrastructure/config/config.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { allowedMethods } from "../../src/interfaces/http/allowedMethods.js";
import { middlewareStack } from "../../src/interfaces/http/app.js";
import { port, readFixture } from "./fixture.js";
import { floorRouter } from "./floorRoutes.js";

/**
 * The framework floor plus the first BENCH_LAYERS of Bazaar's own middleware stack (the real modules, in the real
 * order, with production settings); BENCH_LAYERS past the stack's length also adds the 405 answers.
 * Climbing it one layer at a time shows what each layer costs; the step from the top to Bazaar itself is the
 * session check and use-case in place of the floor's inline verify and Map lookup.
 */
const layers = Number(process.env.BENCH_LAYERS ?? 0);
// Bazaar's settings from the same environment the bench gives Bazaar (production, info-level log to /dev/null).
const config = loadConfig(process.env);
const settings = { corsOrigins: config.corsOrigins, trustProxyHops: 0, bodyLimitBytes: config.bodyLimitBytes, cookies: { secure: true } };
const stack = middlewareStack(settings, createLogger(config.logLevel), { find: async () => null });
const app = new Koa();
for (const [, middleware] of stack.slice(0, layers)) app.use(middleware);
const router = floorRouter(readFixture());
if (layers > stack.length) app.use(allowedMethods(router));
app.use(router.routes());
app.listen(port(), "127.0.0.1");
