import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type Koa from "koa";
import type { Logger } from "../../infrastructure/logging/logger.js";
import { answerClientErrors } from "./clientErrors.js";

export interface ListenOptions {
  host: string;
  port: number;
  /** How long in-flight requests may run once stop() is called before their connections are cut. */
  shutdownTimeoutMs: number;
}

export interface ListeningServer {
  url: string;
  server: http.Server;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), then resolves. */
  stop(): Promise<void>;
}

export async function listen(app: Koa, options: ListenOptions, logger: Logger): Promise<ListeningServer> {
  const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, app.callback());
  // What Node refuses before Koa sees it still gets a Bazaar answer, and its raw bytes never reach a log.
  answerClientErrors(server, logger);
  server.keepAliveTimeout = 5_000;
  server.listen(options.port, options.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
  return {
    url,
    server,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), options.shutdownTimeoutMs);
      await closed;
      clearTimeout(deadline);
    },
  };
}
