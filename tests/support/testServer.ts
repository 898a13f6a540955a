import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../../src/infrastructure/config/config.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { startApi, type RunningApi } from "../../src/composition/api.js";
import type { Clock } from "../../src/application/ports/Clock.js";
import { TEST_SECRET } from "./accountsKit.js";

export const SESSION_COOKIE = "__Host-bazaar_session";

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  text: string;
}

export interface RequestOptions {
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

/** A fetch client that keeps the session cookie between calls, like a browser would. */
export class TestClient {
  cookie: string | null = null;

  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.json !== undefined) headers["content-type"] ??= "application/json";
    if (this.cookie && !headers.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(line);
      if (match) this.cookie = match[1] || null;
    }
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  get = (path: string, o?: RequestOptions) => this.request("GET", path, o);
  post = (path: string, o?: RequestOptions) => this.request("POST", path, o);
  patch = (path: string, o?: RequestOptions) => this.request("PATCH", path, o);
  delete = (path: string, o?: RequestOptions) => this.request("DELETE", path, o);
}

export interface TestServer {
  url: string;
  server: RunningApi;
  client(): TestClient;
  stop(): Promise<void>;
}

/**
 * The configuration every in-process test API starts from: embedded adapters, cheap bcrypt, an ephemeral port, no
 * rate limits; `env` adds to it or overrides it.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: "4",
    HOST: "127.0.0.1",
    PORT: "0",
    RATE_LIMITS_ENABLED: "false",
    // The embedded worker writes each welcome email as an .eml file: keep them out of the repository's var/mail.
    MAIL_DIR: path.join(tmpdir(), `bazaar-test-mail-${process.pid}`),
    // Test servers given the shared Redis must not leave events on the streams a real worker would read.
    EVENT_STREAM_PREFIX: `bazaar-test:${process.pid}:${Math.random().toString(36).slice(2)}`,
    ...env,
  });
}

/** The real app, booted in-process on an ephemeral port with embedded adapters unless `env` says otherwise. */
export async function startTestServer(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestServer> {
  const server = await startApi(testConfig(env), createLogger(process.env.TEST_LOG_LEVEL ?? "silent"), { clock: options.clock });
  return { url: server.url, server, client: () => new TestClient(server.url), stop: () => server.stop() };
}

export const signupBody = (over: Record<string, unknown> = {}) => ({
  email: `user-${Math.random().toString(36).slice(2)}@example.com`,
  password: "a long enough passphrase",
  firstName: "Test",
  ...over,
});

/** Signs up and logs in a fresh user; returns a client holding its session cookie. */
export async function loggedInClient(server: TestServer, over: Record<string, unknown> = {}) {
  const client = server.client();
  const body = signupBody(over);
  const signup = await client.post("/signup", { json: body });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.text}`);
  const login = await client.post("/login", { json: { email: body.email, password: body.password } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return { client, user: signup.body, credentials: { email: body.email as string, password: body.password as string } };
}
