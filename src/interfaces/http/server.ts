import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type Koa from "koa";

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

export async function listen(app: Koa, options: ListenOptions): Promise<ListeningServer> {
  const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, app.callback());
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
