import { randomBytes } from "node:crypto";
import { freePort, startNode, waitUntilUp, type Child } from "./processes.js";

export const COOKIE_NAME = "__Host-bazaar_session";
export const PASSWORD = "correct horse battery staple 42";

export interface Server extends Child {
  url: string;
}

/** Production settings (Secure cookie, JWT secret required), info-level access log to /dev/null, on a free port. */
export function bazaarEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    JWT_SECRET: randomBytes(48).toString("base64url"),
    // Its own catalog (seeded from the dataset on first start, then reused), apart from anyone's dev data.
    CATALOG_DATA_DIR: "var/bench/catalog",
    ...overrides,
  };
}

export async function startServer(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Server> {
  const port = await freePort();
  const child = startNode(name, script, { ...env, PORT: String(port) }, nodeArgs);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}/healthz`);
  await waitUntilQuiet(child);
  return { ...child, url };
}

/** Bazaar seeds its catalog after it starts listening; measuring during that would measure the seed. */
async function waitUntilQuiet(child: Child, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2) {
    const before = child.cpuSeconds();
    await new Promise((r) => setTimeout(r, 500));
    quiet = child.cpuSeconds() - before < 0.05 ? quiet + 1 : 0;
    if (Date.now() > deadline) throw new Error(`${child.name} stayed busy for ${timeoutMs} ms after start`);
  }
}

async function post(url: string, body: unknown): Promise<Response> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${await res.text()}`);
  return res;
}

export async function signup(base: string, email: string): Promise<void> {
  await post(`${base}/signup`, { email, password: PASSWORD, firstName: "Ada", lastName: "Lovelace" });
}

/** Logs in and returns the Cookie header value that carries the session. */
export async function login(base: string, email: string): Promise<string> {
  const res = await post(`${base}/login`, { email, password: PASSWORD });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE_NAME}=`));
  if (!setCookie) throw new Error("login did not set the session cookie");
  return setCookie.split(";")[0]!;
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url} → ${res.status} ${await res.text()}`);
  return res.json();
}
