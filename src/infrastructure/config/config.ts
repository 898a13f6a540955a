import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), `must start with ${protocols.join(" or ")}`);

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().trim().min(1).optional(),
  PORT: int(0, 65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MONGODB_URI: optionalUrl(["mongodb://", "mongodb+srv://"]),
  MONGODB_DB: z.string().trim().min(1).default("bazaar"),
  REDIS_URL: optionalUrl(["redis://", "rediss://"]),
  JWT_SECRET: z.string().optional(),
  JWT_ISSUER: z.string().min(1).default("bazaar"),
  JWT_AUDIENCE: z.string().min(1).default("bazaar-api"),
  JWT_TTL_SECONDS: int(60, 30 * 24 * 3600).default(24 * 3600),
  BCRYPT_COST: int(4, 15).default(12),
  CORS_ORIGINS: z.string().default(""),
  TRUST_PROXY_HOPS: int(0, 10).default(0),
  BODY_LIMIT_BYTES: int(1024, 10 * 1024 * 1024).default(100 * 1024),
  RATE_LIMITS_ENABLED: bool.default(true),
  RATE_LIMIT_LOGIN_PER_IP: int(1, 1_000_000).default(100),
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_IP: int(1, 1_000_000).default(5),
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: int(1, 1_000_000).default(50),
  RATE_LIMIT_SIGNUP_PER_IP: int(1, 1_000_000).default(20),
  SHUTDOWN_TIMEOUT_MS: int(0, 120_000).default(10_000),
});

export type Environment = "development" | "test" | "production";

export interface Config {
  env: Environment;
  host: string;
  port: number;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  mongo: { uri: string; dbName: string } | null;
  redisUrl: string | null;
  jwt: { secret: string | null; issuer: string; audience: string; ttlSeconds: number };
  bcryptCost: number;
  corsOrigins: string[];
  trustProxyHops: number;
  bodyLimitBytes: number;
  rateLimits: {
    enabled: boolean;
    loginPerIp: number;
    loginFailuresPerAccountIp: number;
    loginFailuresPerAccount: number;
    signupPerIp: number;
  };
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {}

const MIN_SECRET_BYTES = 32;

/** Reads every setting once; a bad one stops startup with a single line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
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
  if (c.NODE_ENV === "production" && c.BCRYPT_COST < 10)
    throw new ConfigError("Invalid configuration: BCRYPT_COST must be at least 10 in production");

  return {
    env: c.NODE_ENV,
    host: c.HOST ?? (c.NODE_ENV === "development" ? "127.0.0.1" : "0.0.0.0"),
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    mongo: c.MONGODB_URI ? { uri: c.MONGODB_URI, dbName: c.MONGODB_DB } : null,
    redisUrl: c.REDIS_URL ?? null,
    jwt: { secret, issuer: c.JWT_ISSUER, audience: c.JWT_AUDIENCE, ttlSeconds: c.JWT_TTL_SECONDS },
    bcryptCost: c.BCRYPT_COST,
    corsOrigins: c.CORS_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean),
    trustProxyHops: c.TRUST_PROXY_HOPS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    rateLimits: {
      enabled: c.RATE_LIMITS_ENABLED,
      loginPerIp: c.RATE_LIMIT_LOGIN_PER_IP,
      loginFailuresPerAccountIp: c.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_IP,
      loginFailuresPerAccount: c.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
      signupPerIp: c.RATE_LIMIT_SIGNUP_PER_IP,
    },
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
  };
}
