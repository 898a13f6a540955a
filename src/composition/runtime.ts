import { container as rootContainer, type DependencyContainer } from "./container.js";
import type { Db } from "mongodb";
import type { Clock } from "../application/ports/Clock.js";
import type { HealthCheck } from "../application/ports/HealthCheck.js";
import type { Config } from "../infrastructure/config/config.js";
import type { Logger } from "../infrastructure/logging/logger.js";
import { connectMongo } from "../infrastructure/mongo/connectMongo.js";
import { connectRedis, pingRedis, type RedisClient } from "../infrastructure/redis/connectRedis.js";
import { RandomIdGenerator } from "../infrastructure/system/RandomIdGenerator.js";
import { SystemClock } from "../infrastructure/system/SystemClock.js";
import { CLOCK, CONFIG, HEALTH_CHECKS, IDS, LOGGER } from "./tokens.js";

/** What a feature module gets besides the container: shared connections, made once, closed once. */
export interface Shared {
  config: Config;
  logger: Logger;
  /** MongoDB when MONGODB_URI is set (connected on first use), else null. */
  mongo(): Promise<Db | null>;
  /** The shared Redis command connection (one server or a cluster) when Redis is configured (connected on first use), else null. */
  redis(): Promise<RedisClient | null>;
  /** Runs at close, in reverse order of registration. */
  onClose(close: () => Promise<void>): void;
  /** A human-readable line for the startup log: which adapter serves what. */
  uses(adapter: string): void;
}

/** A feature's wiring: registers its adapters and use-cases on the container. */
export type FeatureModule = (c: DependencyContainer, shared: Shared) => Promise<void>;

export interface Runtime {
  container: DependencyContainer;
  /** Human-readable summary of which adapters are in use, for the startup line. */
  adapters: string[];
  close(): Promise<void>;
}

/**
 * The composition root: a child container holding what every feature shares (config, logger, clock, ids, health
 * checks), then each feature module in turn. Entry points pick the features they need.
 */
export interface RuntimeOptions {
  /** Tests move time (idle and absolute session expiry) without sleeping; processes use the system clock. */
  clock?: Clock | undefined;
}

export async function buildRuntime(config: Config, logger: Logger, features: readonly FeatureModule[], options: RuntimeOptions = {}): Promise<Runtime> {
  // Settings that are allowed but probably not what was meant (CORS_ORIGINS empty in development, …): said once here.
  for (const warning of config.warnings) logger.warn(warning);
  const c = rootContainer.createChildContainer();
  const closers: Array<() => Promise<void>> = [];
  const checks: HealthCheck[] = [];
  const adapters: string[] = [];
  c.register(CONFIG, { useValue: config });
  c.register(LOGGER, { useValue: logger });
  c.register(CLOCK, { useValue: options.clock ?? new SystemClock() });
  c.register(IDS, { useValue: new RandomIdGenerator() });
  c.register(HEALTH_CHECKS, { useValue: checks });

  const shared: Shared = {
    config,
    logger,
    mongo: once(async () => {
      if (!config.mongo) return null;
      const mongo = await connectMongo(config.mongo.uri, config.mongo.dbName);
      closers.push(() => mongo.client.close());
      checks.push({ name: "mongodb", ping: async () => void (await mongo.db.command({ ping: 1 })) });
      return mongo.db;
    }),
    redis: once(async () => {
      if (!config.redis) return null;
      const client = await connectRedis(config.redis, logger);
      closers.push(async () => void (await client.close()));
      checks.push({ name: "redis", ping: () => pingRedis(client) });
      return client;
    }),
    onClose: (close) => void closers.push(close),
    uses: (adapter) => void adapters.push(adapter),
  };
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((err: unknown) => logger.warn({ err }, "error while closing"));
  };
  try {
    for (const feature of features) await feature(c, shared);
  } catch (error) {
    await close();
    throw error;
  }
  return { container: c, adapters, close };
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
