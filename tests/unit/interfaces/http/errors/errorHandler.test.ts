import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import Koa from "koa";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../../../src/infrastructure/logging/logger.js";
import { errorHandler } from "../../../../../src/interfaces/http/errors/errorHandler.js";
import { requestContext } from "../../../../../src/interfaces/http/middleware/requestContext.js";

describe("errorHandler", () => {
  it("answers an unexpected failure with a bare 500 and logs it, with the request id, for the operator", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
        done();
      },
    });
    const logger = createLogger("info", sink);
    const app = new Koa().use(requestContext(logger)).use(errorHandler(logger)).use(() => {
      throw new Error("database password is hunter2");
    });
    const server = http.createServer(app.callback()).listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`, { headers: { "x-request-id": "req-42" } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side" } });
      expect(text).not.toContain("hunter2");
    } finally {
      server.close();
    }
    const failure = lines.find((l) => l.msg === "request failed");
    expect(failure).toMatchObject({ reqId: "req-42", level: 50 });
    expect(JSON.stringify(failure)).toContain("database password");
  });
});
