import { z } from "zod";
import { CatalogConfigError, catalogConfig, catalogEnv, type CatalogConfig } from "./catalogConfig.js";
import { corsOrigins } from "./corsOrigins.js";
import { bool, int, optionalText, optionalUrl } from "./envValues.js";
import { recoveryConfig, recoveryEnv, type RecoveryConfig } from "./recoveryConfig.js";
import { redisClusterNodes } from "./redisClusterNodes.js";

const schema = z.object({
  ...catalogEnv,
  ...recoveryEnv,
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().trim().min(1).optional(),
  PORT: int(0, 65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MONGODB_URI: optionalUrl(["mongodb://", "mongodb+srv://"]),
  MONGODB_DB: z.string().trim().min(1).default("bazaar"),
  REDIS_URL: optionalUrl(["redis://", "rediss://"]),
  REDIS_CLUSTER_NODES: optionalText(),
  REDIS_WAIT_REPLICAS: int(0, 10).default(0),
  JWT_SECRET: z.string().optional(),
  JWT_ISSUER: z.string().min(1).default("bazaar"),
  JWT_AUDIENCE: z.string().min(1).default("bazaar-api"),
  JWT_TTL_SECONDS: z.string().optional(),
  SESSION_IDLE_TIMEOUT_SECONDS: int(60, 365 * 86_400).default(7 * 86_400),
  SESSION_ABSOLUTE_LIFETIME_SECONDS: int(60, 365 * 86_400).default(30 * 86_400),
  SESSION_MAX_PER_USER: int(1, 10_000).default(50),
  NEW_SIGN_IN_NOTICE: bool.default(true),
  BCRYPT_COST: int(4, 15).default(12),
  // Unset: BcryptPasswordHasher's default for the machine (see there).
  PASSWORD_HASH_CONCURRENCY: int(1, 64).optional(),
  CORS_ORIGINS: z.string().default(""),
  TRUST_PROXY_HOPS: int(0, 10).default(0),
  BODY_LIMIT_BYTES: int(1024, 10 * 1024 * 1024).default(100 * 1024),
  RATE_LIMITS_ENABLED: bool.default(true),
  RATE_LIMIT_LOGIN_PER_IP: int(1, 1_000_000).default(100),
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_IP: int(1, 1_000_000).default(10),
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: int(1, 1_000_000).default(50),
  RATE_LIMIT_LOGIN_WINDOW_SECONDS: int(1, 86_400).default(15 * 60),
  RATE_LIMIT_SIGNUP_PER_IP: int(1, 1_000_000).default(30),
  RATE_LIMIT_SIGNUP_WINDOW_SECONDS: int(1, 86_400).default(5 * 60),
  RATE_LIMIT_SIGNUP_PER_EMAIL: int(1, 1_000_000).default(5),
  RATE_LIMIT_SIGNUP_PER_EMAIL_WINDOW_SECONDS: int(1, 86_400).default(60 * 60),
  SHUTDOWN_TIMEOUT_MS: int(0, 120_000).default(10_000),
  SMTP_URL: optionalUrl(["smtp://", "smtps://"]),
  SMTP_TIMEOUT_MS: int(100, 120_000).default(10_000),
  SMTP_RETRIES: int(0, 10).default(2),
  SMTP_POOL_SIZE: int(1, 50).default(5),
  MAIL_FROM: z.string().trim().min(3).default("Bazaar <no-reply@bazaar.invalid>"),
  MAIL_DIR: z.string().trim().min(1).default("var/mail"),
  // Braces would change which part of a key Redis Cluster hashes, splitting a stream from its dead letters.
  EVENT_STREAM_PREFIX: z.string().trim().min(1).refine((v) => !/[{}]/u.test(v), "must not contain { or }").default("bazaar:events"),
  EVENT_STREAM_MAXLEN: int(100, 100_000_000).default(100_000),
  EVENT_MAX_ATTEMPTS: int(1, 100).default(8),
  EVENT_RETRY_BASE_MS: int(1, 3_600_000).default(1_000),
  EVENT_RETRY_MAX_MS: int(1, 86_400_000).default(5 * 60_000),
  EVENT_LEASE_MS: int(30, 3_600_000).default(15_000),
  EVENT_BLOCK_MS: int(1, 60_000).default(2_000),
  EVENT_BATCH_SIZE: int(1, 1_000).default(32),
  EVENT_CONCURRENCY: int(1, 256).default(8),
  OUTBOX_POLL_MS: int(10, 3_600_000).default(5_000),
  OUTBOX_BATCH_SIZE: int(1, 10_000).default(100),
  NOTIFICATION_CLAIM_MS: int(100, 3_600_000).default(60_000),
  NOTIFICATION_SENT_TTL_SECONDS: int(60, 365 * 86_400).default(30 * 86_400),
  NOTIFICATIONS_IN_PROCESS: bool.optional(),
  WORKER_NAME: z.string().trim().min(1).optional(),
  WORKER_METRICS_INTERVAL_MS: int(0, 3_600_000).default(60_000),
  METRICS_PORT: int(0, 65535).optional(),
  ACCOUNT_DELETION_GRACE_DAYS: int(1, 365).default(14),
  ACCOUNT_ERASURE_INTERVAL_MS: int(10, 86_400_000).default(5 * 60_000),
});

export type Environment = "development" | "test" | "production";

export interface Config {
  env: Environment;
  host: string;
  port: number;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  mongo: { uri: string; dbName: string } | null;
  /** One Redis server or the seed nodes of a Redis Cluster; null: sessions, limits and events stay in memory. */
  redis: { url: string } | { clusterNodes: string[] } | null;
  /** Replicas a published event and a "sent" mark must reach before they count (Redis WAIT). */
  redisWaitReplicas: number;
  /** ttlSeconds: the token outlives nothing: it is the sessions' absolute lifetime; the session record ends it sooner. */
  jwt: { secret: string | null; issuer: string; audience: string; ttlSeconds: number };
  sessions: { idleTimeoutSeconds: number; absoluteLifetimeSeconds: number; maxPerUser: number; newSignInNotice: boolean };
  bcryptCost: number;
  /** Hashes at once (PASSWORD_HASH_CONCURRENCY); null: the hasher's default for this machine. */
  passwordHashConcurrency: number | null;
  corsOrigins: string[];
  trustProxyHops: number;
  bodyLimitBytes: number;
  rateLimits: {
    enabled: boolean;
    /** The three login budgets share one window. */
    loginPerIp: number;
    loginFailuresPerAccountIp: number;
    loginFailuresPerAccount: number;
    loginWindowSeconds: number;
    signupPerIp: number;
    signupWindowSeconds: number;
    signupPerEmail: number;
    signupPerEmailWindowSeconds: number;
  };
  shutdownTimeoutMs: number;
  catalog: CatalogConfig;
  recovery: RecoveryConfig;
  mail: { smtpUrl: string | null; timeoutMs: number; retries: number; poolSize: number; from: string; dir: string };
  events: {
    streamPrefix: string;
    maxLen: number;
    retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
    leaseMs: number;
    blockMs: number;
    batchSize: number;
    concurrency: number;
  };
  outbox: { pollIntervalMs: number; batchSize: number };
  notifications: { inProcess: boolean; claimMs: number; sentTtlSeconds: number };
  worker: { name: string | null; metricsIntervalMs: number };
  /** Port of the separate Prometheus listener (GET /metrics) on `host`; null = no metrics at all. 0 = any free port. */
  metricsPort: number | null;
  /** Account deletion (issue 12): the grace period before erasure, and how often the erasure job looks for due accounts. */
  accountDeletion: { graceDays: number; erasureIntervalMs: number };
  /** Accepted settings worth one log line each at startup (config has no logger); never holds a secret. */
  warnings: string[];
}

export class ConfigError extends Error {}

const MIN_SECRET_BYTES = 32;

/** Reads every setting once; a bad one stops startup with a single line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (HOST= in a copied .env.example) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const c = parsed.data;
  const secret = c.JWT_SECRET ? c.JWT_SECRET : null;
  if (c.NODE_ENV !== "development") {
    if (!secret) throw new ConfigError(`Invalid configuration: JWT_SECRET is required when NODE_ENV=${c.NODE_ENV}`);
    if (Buffer.byteLength(secret) < MIN_SECRET_BYTES)
      throw new ConfigError(`Invalid configuration: JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (c.METRICS_PORT !== undefined && c.METRICS_PORT !== 0 && c.METRICS_PORT === c.PORT)
    throw new ConfigError("Invalid configuration: METRICS_PORT must differ from PORT (metrics are never served on the public listener)");
  if (c.NODE_ENV === "production" && c.BCRYPT_COST < 10)
    throw new ConfigError("Invalid configuration: BCRYPT_COST must be at least 10 in production");
  const warnings: string[] = [];
  const origins = corsOrigins(c.CORS_ORIGINS);
  if (!origins.ok) throw new ConfigError(`Invalid configuration: CORS_ORIGINS ${origins.error}`);
  if (origins.value.length === 0 && c.NODE_ENV === "development")
    warnings.push("CORS_ORIGINS is empty: browser clients on another origin (another port counts) will be refused");
  const redis = redisTarget(c.REDIS_URL, c.REDIS_CLUSTER_NODES);
  if (c.SESSION_IDLE_TIMEOUT_SECONDS > c.SESSION_ABSOLUTE_LIFETIME_SECONDS)
    throw new ConfigError("Invalid configuration: SESSION_IDLE_TIMEOUT_SECONDS must not exceed SESSION_ABSOLUTE_LIFETIME_SECONDS");
  if (c.JWT_TTL_SECONDS !== undefined)
    warnings.push("JWT_TTL_SECONDS is no longer read: session lifetimes are SESSION_IDLE_TIMEOUT_SECONDS and SESSION_ABSOLUTE_LIFETIME_SECONDS");
  let catalog: CatalogConfig;
  try {
    catalog = catalogConfig(c, warnings);
  } catch (error) {
    if (error instanceof CatalogConfigError) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }

  const host = c.HOST ?? (c.NODE_ENV === "development" ? "127.0.0.1" : "0.0.0.0");
  return {
    env: c.NODE_ENV,
    host,
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    mongo: c.MONGODB_URI ? { uri: c.MONGODB_URI, dbName: c.MONGODB_DB } : null,
    redis,
    redisWaitReplicas: c.REDIS_WAIT_REPLICAS,
    jwt: { secret, issuer: c.JWT_ISSUER, audience: c.JWT_AUDIENCE, ttlSeconds: c.SESSION_ABSOLUTE_LIFETIME_SECONDS },
    sessions: {
      idleTimeoutSeconds: c.SESSION_IDLE_TIMEOUT_SECONDS,
      absoluteLifetimeSeconds: c.SESSION_ABSOLUTE_LIFETIME_SECONDS,
      maxPerUser: c.SESSION_MAX_PER_USER,
      newSignInNotice: c.NEW_SIGN_IN_NOTICE,
    },
    bcryptCost: c.BCRYPT_COST,
    passwordHashConcurrency: c.PASSWORD_HASH_CONCURRENCY ?? null,
    corsOrigins: origins.value,
    trustProxyHops: c.TRUST_PROXY_HOPS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    rateLimits: {
      enabled: c.RATE_LIMITS_ENABLED,
      loginPerIp: c.RATE_LIMIT_LOGIN_PER_IP,
      loginFailuresPerAccountIp: c.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_IP,
      loginFailuresPerAccount: c.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
      loginWindowSeconds: c.RATE_LIMIT_LOGIN_WINDOW_SECONDS,
      signupPerIp: c.RATE_LIMIT_SIGNUP_PER_IP,
      signupWindowSeconds: c.RATE_LIMIT_SIGNUP_WINDOW_SECONDS,
      signupPerEmail: c.RATE_LIMIT_SIGNUP_PER_EMAIL,
      signupPerEmailWindowSeconds: c.RATE_LIMIT_SIGNUP_PER_EMAIL_WINDOW_SECONDS,
    },
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    catalog,
    recovery: recoveryConfig(c, { host, port: c.PORT }, warnings),
    mail: { smtpUrl: c.SMTP_URL ?? null, timeoutMs: c.SMTP_TIMEOUT_MS, retries: c.SMTP_RETRIES, poolSize: c.SMTP_POOL_SIZE, from: c.MAIL_FROM, dir: c.MAIL_DIR },
    events: {
      streamPrefix: c.EVENT_STREAM_PREFIX,
      maxLen: c.EVENT_STREAM_MAXLEN,
      retry: { maxAttempts: c.EVENT_MAX_ATTEMPTS, baseDelayMs: c.EVENT_RETRY_BASE_MS, maxDelayMs: Math.max(c.EVENT_RETRY_BASE_MS, c.EVENT_RETRY_MAX_MS) },
      leaseMs: c.EVENT_LEASE_MS,
      blockMs: c.EVENT_BLOCK_MS,
      batchSize: c.EVENT_BATCH_SIZE,
      concurrency: c.EVENT_CONCURRENCY,
    },
    outbox: { pollIntervalMs: c.OUTBOX_POLL_MS, batchSize: c.OUTBOX_BATCH_SIZE },
    // Without Redis the bus lives in the API process, so the worker must too; with Redis it is a separate process.
    notifications: { inProcess: c.NOTIFICATIONS_IN_PROCESS ?? !redis, claimMs: c.NOTIFICATION_CLAIM_MS, sentTtlSeconds: c.NOTIFICATION_SENT_TTL_SECONDS },
    worker: { name: c.WORKER_NAME ?? null, metricsIntervalMs: c.WORKER_METRICS_INTERVAL_MS },
    metricsPort: c.METRICS_PORT ?? null,
    // Links in emails must reach the API from the reader's browser: localhost only makes sense on a developer's machine.
    accountDeletion: { graceDays: c.ACCOUNT_DELETION_GRACE_DAYS, erasureIntervalMs: c.ACCOUNT_ERASURE_INTERVAL_MS },
    warnings,
  };
}

/** Either one server or a cluster: both set is refused rather than silently picking one (they hold different data). */
function redisTarget(url: string | undefined, clusterNodes: string | undefined): Config["redis"] {
  if (url && clusterNodes) throw new ConfigError("Invalid configuration: set REDIS_URL or REDIS_CLUSTER_NODES, not both");
  if (url) return { url };
  if (clusterNodes === undefined) return null;
  const nodes = redisClusterNodes(clusterNodes);
  if (!nodes.ok) throw new ConfigError(`Invalid configuration: REDIS_CLUSTER_NODES ${nodes.error}`);
  return { clusterNodes: nodes.value };
}
