import { spawn, type ChildProcess } from "node:child_process";
import { startApi as startApiProcess, type RunningApi } from "../../src/composition/api.js";
import { buildRuntime, type Runtime } from "../../src/composition/runtime.js";
import { EVENT_BUS } from "../../src/composition/tokens.js";
import { startWorker, WORKER_FEATURES } from "../../src/composition/worker.js";
import { loadConfig } from "../../src/infrastructure/config/config.js";
import type { Bus } from "../../src/infrastructure/events/Bus.js";
import { TEST_SECRET } from "./accountsKit.js";
import { silent } from "./eventsKit.js";
import type { SmtpSink } from "./smtpSink.js";

/** Settings for the API and workers under test: real adapters, timings in tens of milliseconds. */
export function eventsEnv(over: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: "test",
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: "4",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    RATE_LIMITS_ENABLED: "false",
    NOTIFICATIONS_IN_PROCESS: "false",
    EVENT_MAX_ATTEMPTS: "6",
    EVENT_RETRY_BASE_MS: "40",
    EVENT_RETRY_MAX_MS: "300",
    EVENT_LEASE_MS: "200",
    EVENT_BLOCK_MS: "50",
    OUTBOX_POLL_MS: "100",
    NOTIFICATION_CLAIM_MS: "5000",
    SMTP_RETRIES: "0",
    SMTP_TIMEOUT_MS: "2000",
    SHUTDOWN_TIMEOUT_MS: "2000",
    WORKER_METRICS_INTERVAL_MS: "0",
    ...over,
  };
}

export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  return startApiProcess(loadConfig(env), silent);
}

export interface InProcessWorker {
  runtime: Runtime;
  bus: Bus;
  stop(): Promise<void>;
}

/** A worker exactly as `npm run worker` builds it, inside the test process. */
export async function startInProcessWorker(env: Record<string, string>): Promise<InProcessWorker> {
  const config = loadConfig(env);
  const runtime = await buildRuntime(config, silent, WORKER_FEATURES);
  const worker = await startWorker(runtime, config, silent);
  return {
    runtime,
    bus: runtime.container.resolve(EVENT_BUS),
    stop: async () => {
      await worker.stop();
      await runtime.close();
    },
  };
}

export interface ChildWorker {
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** A worker in its own process (tests/support/crashingWorker.ts), so it can really be killed. */
export function spawnWorker(env: Record<string, string>): ChildWorker {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/crashingWorker.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ? -1 : code)));
  return { child, exited };
}

export async function signUp(apiUrl: string, email: string, firstName = "Test"): Promise<number> {
  const res = await fetch(`${apiUrl}/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "a long enough passphrase", firstName }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Signs up `n` users concurrently (a burst) and returns the emails whose signup was acknowledged with 201. */
export async function signUpBurst(apiUrl: string, n: number, tag: string): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, i) => `${tag}-${i}-${Math.random().toString(36).slice(2, 7)}@example.com`);
  const statuses = await Promise.all(emails.map((e) => signUp(apiUrl, e)));
  return emails.filter((_, i) => statuses[i] === 201);
}

/** How many welcome emails each acknowledged signup produced: the answer must be exactly 1 for every one. */
export function welcomeCounts(sink: SmtpSink, emails: string[]): { missing: string[]; duplicated: string[] } {
  const count = (e: string) => sink.to(e).filter((m) => m.subject === "Welcome to Bazaar").length;
  return { missing: emails.filter((e) => count(e) === 0), duplicated: emails.filter((e) => count(e) > 1) };
}

export const allArrived = (sink: SmtpSink, emails: string[]) => () => welcomeCounts(sink, emails).missing.length === 0;
