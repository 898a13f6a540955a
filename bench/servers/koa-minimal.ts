import Koa from "koa";
import { port, readFixture } from "./fixture.js";
import { floorRouter } from "./floorRoutes.js";

/**
 * The framework floor: Koa and @koa/router doing exactly the bare server's work, with none of Bazaar's
 * middleware (no access log, security headers, CORS, body screening, error mapping, use-cases).
 */
new Koa().use(floorRouter(readFixture()).routes()).listen(port(), "127.0.0.1");
