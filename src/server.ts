import { once } from "node:events";
import type { AddressInfo } from "node:net";
import http from "node:http";
import type { HealthCheck } from "./application/ports/HealthCheck.js";
import { Authenticate } from "./application/users/Authenticate.js";
import { ChangePassword } from "./application/users/ChangePassword.js";
import { EditProfile } from "./application/users/EditProfile.js";
import { Login } from "./application/users/Login.js";
import { Logout } from "./application/users/Logout.js";
import { RegisterUser } from "./application/users/RegisterUser.js";
import { ViewProfile } from "./application/users/ViewProfile.js";
import { GetProduct } from "./application/catalog/GetProduct.js";
import { ListProducts } from "./application/catalog/ListProducts.js";
import type { MediaFiles } from "./application/ports/MediaFiles.js";
import { buildRuntime, TOKENS, type Runtime } from "./container.js";
import type { Config } from "./infrastructure/config/config.js";
import type { Logger } from "./infrastructure/logging/logger.js";
import { createHttpApp } from "./interfaces/http/app.js";
import { answerClientErrors } from "./interfaces/http/clientErrors.js";
import type { OutboxRelay } from "./infrastructure/outbox/OutboxRelay.js";
import { startWorker } from "./startWorker.js";
import { AuthThrottle, type AuthLimiters } from "./interfaces/http/throttling/AuthThrottle.js";

export interface RunningServer {
  url: string;
  runtime: Runtime;
  /** Stops accepting, lets in-flight requests finish (up to the configured timeout), then closes adapters. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const runtime = await buildRuntime(config, logger);
  const c = runtime.container;
  // Polling on startup delivers what a previous process saved but could not publish.
  c.resolve<OutboxRelay>(TOKENS.Relay).start();
  const worker = config.notifications.inProcess ? await startWorker(runtime, config, logger) : null;
  let accepting = true;
  const cookies = { secure: config.env !== "development" };
  const throttle = new AuthThrottle(c.resolve<AuthLimiters | null>(TOKENS.AuthLimiters));

  const app = createHttpApp({
    logger,
    settings: { corsOrigins: config.corsOrigins, trustProxyHops: config.trustProxyHops, bodyLimitBytes: config.bodyLimitBytes, cookies },
    cookies,
    throttle,
    registerUser: c.resolve(RegisterUser),
    login: c.resolve(Login),
    logout: c.resolve(Logout),
    authenticate: c.resolve(Authenticate),
    viewProfile: c.resolve(ViewProfile),
    editProfile: c.resolve(EditProfile),
    changePassword: c.resolve(ChangePassword),
    readiness: { checks: c.resolve<HealthCheck[]>(TOKENS.HealthChecks), accepting: () => accepting },
    catalog: { listProducts: c.resolve(ListProducts), getProduct: c.resolve(GetProduct) },
    media: c.resolve<MediaFiles>(TOKENS.MediaFiles),
  });

  const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, app.callback());
  answerClientErrors(server, logger);
  server.keepAliveTimeout = 5_000;
  server.listen(config.port, config.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;

  return {
    url,
    runtime,
    stop: async () => {
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      await closed;
      clearTimeout(deadline);
      await worker?.stop();
      await runtime.close();
    },
  };
}
