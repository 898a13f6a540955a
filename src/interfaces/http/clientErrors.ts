import { randomUUID } from "node:crypto";
import http, { type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "../../infrastructure/logging/logger.js";
import { clientWentAway, connectionErrorSummary } from "./errors/connectionErrorSummary.js";
import { errorBody } from "./errors/errorHandler.js";
import { apiSecurityHeaderList } from "./middleware/securityHeaders.js";

interface Refusal {
  status: number;
  code: string;
  message: string;
}

const MALFORMED: Refusal = { status: 400, code: "MALFORMED_REQUEST", message: "The request is not valid HTTP/1.1" };
/** Node's own choice of status per parser error, with Bazaar's error codes. */
const REFUSALS = new Map<string, Refusal>([
  ["HPE_HEADER_OVERFLOW", { status: 431, code: "HEADERS_TOO_LARGE", message: "The request headers are too large (16 KiB at most)" }],
  ["HPE_CHUNK_EXTENSIONS_OVERFLOW", { status: 413, code: "PAYLOAD_TOO_LARGE", message: "The chunk extensions are too large" }],
  ["ERR_HTTP_REQUEST_TIMEOUT", { status: 408, code: "REQUEST_TIMEOUT", message: "The request took too long to arrive" }],
]);
/** After answering, how long the client may keep sending (read and dropped) before the socket is destroyed. */
const LINGER_MS = 2_000;

/**
 * Requests Node refuses before Koa sees them (unparseable request line or headers, headers over 16 KiB, too slow)
 * get a Bazaar answer: the standard error JSON with the API security headers and a request id, then the connection
 * closes. Node's default is a bare status line, and none at all on a keep-alive connection that already answered.
 * The log line is a summary: the error itself carries the connection's raw bytes.
 */
export function answerClientErrors(server: http.Server, logger: Logger): void {
  const securityHeaders = apiSecurityHeaderList();
  // Once the parser fails, every later chunk on that socket fails again: answer once.
  const answered = new WeakSet<Duplex>();

  server.on("clientError", (error: unknown, socket: Duplex) => {
    if (answered.has(socket)) return;
    answered.add(socket);
    const summary = connectionErrorSummary(error);
    const ip = (socket as { remoteAddress?: string }).remoteAddress;
    if (clientWentAway(summary)) {
      socket.destroy();
      return;
    }
    const refusal = (summary.code !== undefined && REFUSALS.get(summary.code)) || MALFORMED;
    const reqId = randomUUID();
    logger.info({ status: refusal.status, code: summary.code, reason: summary.reason, ip, reqId }, "request refused by the HTTP parser");

    const answer = () => {
      if (!socket.writable) return void socket.destroy();
      socket.end(response(refusal, reqId, securityHeaders));
      linger(socket);
    };
    // The bytes that failed may follow requests still being answered on this connection (pipelining, or a body
    // shorter than its Content-Length said): their answers go first, ours last, or ours would be read as theirs.
    // Node lets go of a response on its 'finish' and hands the socket to the next queued one, hence the check
    // again after each. (`writableFinished` is no sign: a queued response can be flushed and not yet let go.)
    const answerWhenIdle = (): void => {
      const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
      if (!inFlight) return answer();
      inFlight.once("finish", answerWhenIdle);
      inFlight.once("close", () => inFlight.writableFinished || socket.destroy());
    };
    answerWhenIdle();
  });
}

function response(refusal: Refusal, reqId: string, securityHeaders: Array<[string, string]>): Buffer {
  const body = JSON.stringify(errorBody(refusal.code, refusal.message));
  const head = [
    `HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status] ?? "Error"}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${reqId}`,
    ...securityHeaders.map(([name, value]) => `${name}: ${value}`),
    `Date: ${new Date().toUTCString()}`,
    "Connection: close",
  ];
  return Buffer.from(`${head.join("\r\n")}\r\n\r\n${body}`);
}

/**
 * Closing a socket that still has unread input makes the kernel send a reset, which can destroy our answer before the
 * client reads it (an oversized header block is still arriving). So: half-close, let the rest drain, then destroy.
 */
function linger(socket: Duplex): void {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
  socket.resume();
}
