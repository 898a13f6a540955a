import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface MetricsSource {
  contentType: string;
  scrape(): Promise<string>;
}

export interface MetricsListener {
  url: string;
  stop(): Promise<void>;
}

/**
 * `GET /metrics` on a listener of its own (METRICS_PORT): the public API never serves it, so it needs no
 * authentication, and the port is exposed only to the scraper's network. Plain node:http: nothing else lives here.
 */
export async function listenForMetrics(source: MetricsSource, options: { host: string; port: number }): Promise<MetricsListener> {
  const server = http.createServer({ requestTimeout: 10_000, headersTimeout: 5_000 }, (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/metrics") return answer(res, 404, "Not found: the only path here is /metrics\n");
    if (req.method !== "GET" && req.method !== "HEAD") return answer(res, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
    source.scrape().then(
      (body) => answer(res, 200, req.method === "HEAD" ? "" : body, { "Content-Type": source.contentType }),
      (error: unknown) => answer(res, 500, `Metrics unavailable: ${error instanceof Error ? error.message : "unknown error"}\n`),
    );
  });
  server.keepAliveTimeout = 5_000;
  server.listen(options.port, options.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function answer(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(body);
}
