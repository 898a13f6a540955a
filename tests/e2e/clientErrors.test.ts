import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { answerClientErrors } from "../../src/interfaces/http/clientErrors.js";
import { sendRaw, type RawResponse } from "../support/rawHttp.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

const SECURITY_HEADERS = ["content-security-policy", "strict-transport-security", "x-content-type-options", "x-frame-options", "referrer-policy", "cross-origin-resource-policy", "cache-control"];

let server: TestServer;
let port: number;
let apiHeaders: Headers;
beforeAll(async () => {
  server = await startTestServer();
  port = Number(new URL(server.url).port);
  apiHeaders = (await fetch(`${server.url}/healthz`)).headers;
});
afterAll(() => server.stop());

function expectRefusal(response: RawResponse | undefined, status: number, code: string): void {
  expect([response?.status, response && JSON.parse(response.body)]).toEqual([status, { error: { code, message: expect.any(String) } }]);
  expect(response!.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(response!.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(response!.headers.connection).toBe("close");
  for (const name of SECURITY_HEADERS) expect(response!.headers[name], name).toBe(apiHeaders.get(name));
}

describe("requests Node's HTTP parser refuses before Koa sees them", () => {
  it.each([
    ["an unknown method", "BREW /coffee HTTP/1.1\r\nHost: bazaar\r\n\r\n"],
    ["a header line without a colon", "GET /healthz HTTP/1.1\r\nHost bazaar\r\n\r\n"],
    ["binary garbage", "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n"],
    ["Content-Length next to chunked (request smuggling)", "POST /login HTTP/1.1\r\nHost: bazaar\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"],
    ["an HTTP version that does not exist", "GET /healthz HTTP/9.9\r\nHost: bazaar\r\n\r\n"],
  ])("answer %s with 400, the error JSON and the API security headers, then close", async (_name, raw) => {
    const responses = await sendRaw(port, Buffer.from(raw, "latin1"));
    expect(responses).toHaveLength(1);
    expectRefusal(responses[0], 400, "MALFORMED_REQUEST");
  });

  it("answer a header block over 16 KiB with 431", async () => {
    const responses = await sendRaw(port, `GET /healthz HTTP/1.1\r\nHost: bazaar\r\nX-Pad: ${"x".repeat(40_000)}\r\n\r\n`);
    expect(responses).toHaveLength(1);
    expectRefusal(responses[0], 431, "HEADERS_TOO_LARGE");
  });

  it("answer garbage after pipelined requests only once each of them has its own answer", async () => {
    // Logins wait on bcrypt, so both answers are still due when the parser fails on the garbage, and the second is
    // still being computed when the first leaves.
    const body = JSON.stringify({ email: "nobody@example.com", password: "not the password at all" });
    const login = `POST /login HTTP/1.1\r\nHost: bazaar\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const responses = await sendRaw(port, `${login}${login}GET /healthz HTTP/1.1\r\nHost: bazaar\r\n\r\n\x00\x01garbage\r\n\r\n`);
    expect(responses.map((r) => r.status)).toEqual([401, 401, 200, 400]);
    expect(JSON.parse(responses[2]!.body)).toEqual({ status: "ok" });
    expectRefusal(responses[3], 400, "MALFORMED_REQUEST");
  });
});

describe("a request that takes too long to arrive", () => {
  it("gets 408 in the error shape, and the log line is a summary without the bytes received", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    // Node checks for expired requests every connectionsCheckingInterval; short ones keep the test quick.
    const slow = http.createServer({ headersTimeout: 300, requestTimeout: 300, connectionsCheckingInterval: 50 }, (_req, res) => res.end());
    answerClientErrors(slow, createLogger("info", sink));
    slow.listen(0, "127.0.0.1");
    await once(slow, "listening");
    try {
      const responses = await sendRaw((slow.address() as AddressInfo).port, "GET / HTTP/1.1\r\nHost: bazaar\r\nCookie: session=half-sent-secret\r\n");
      expect(responses).toHaveLength(1);
      expect(responses[0]!.status).toBe(408);
      expect(JSON.parse(responses[0]!.body).error.code).toBe("REQUEST_TIMEOUT");
      const logged = lines.join("");
      expect(JSON.parse(logged)).toMatchObject({ level: 30, status: 408, code: "ERR_HTTP_REQUEST_TIMEOUT", msg: "request refused by the HTTP parser" });
      expect(logged).not.toContain("half-sent-secret");
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });
});
