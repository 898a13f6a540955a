import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { expect } from "vitest";
import { startApi } from "../../src/composition/api.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";
import { signupBody, TestClient, testConfig } from "./testServer.js";

export const PUBLIC_URL = "http://bazaar.test:3000";

/** The embedded default (memory everywhere, the worker in-process, mail as .eml files), with every log line kept. */
export async function startRecoveryServer(env: Record<string, string> = {}) {
  const mailDir = mkdtempSync(path.join(tmpdir(), "bazaar-recovery-mail-"));
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  const config = testConfig({
    MAIL_DIR: mailDir,
    CATALOG_SEED_ON_START: "false",
    CATALOG_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bazaar-recovery-catalog-")),
    OUTBOX_POLL_MS: "50",
    PUBLIC_URL,
    ...env,
  });
  const api = await startApi(config, createLogger("debug", sink));
  return { api, mailDir, lines, client: () => new TestClient(api.url) };
}

export type Server = Awaited<ReturnType<typeof startRecoveryServer>>;

/** Signs up; `client` is logged in (signup itself sets no session). */
export async function signUp(server: Server) {
  const client = server.client();
  const body = signupBody();
  const res = await client.post("/signup", { json: body });
  expect(res.status).toBe(201);
  expect((await client.post("/login", { json: { email: body.email, password: body.password } })).status).toBe(200);
  return { client, email: body.email as string, password: body.password as string, user: res.body };
}

/** The link as the user's browser would open it, on the test server's real port. */
export const pageUrl = (server: Server, l: { path: string; token: string }) => `${server.api.url}${l.path}?token=${l.token}`;

