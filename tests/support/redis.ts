import { createClient } from "redis";
import { connectRedis, type RedisClient, type RedisTarget } from "../../src/infrastructure/redis/connectRedis.js";
import { createLogger } from "../../src/infrastructure/logging/logger.js";

export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestRedis {
  client: RedisClient;
  close(): Promise<void>;
}

/** One PING, no retries: whether a Redis answers at `url` right now. */
export async function redisAnswers(url: string, connectTimeoutMs = 1_000): Promise<boolean> {
  const probe = createClient({ url, socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: false } });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (probe.isOpen) await probe.close().catch(() => undefined);
  }
}

/** Null when Redis answers; otherwise the one-line reason Redis tests are skipped. */
export async function redisSkipReason(url = TEST_REDIS_URL): Promise<string | null> {
  return (await redisAnswers(url)) ? null : `no Redis answering at ${url}`;
}

export async function redisForTests(target: string | RedisTarget = TEST_REDIS_URL): Promise<TestRedis> {
  const client = await connectRedis(typeof target === "string" ? { url: target } : target, createLogger("silent"), { maxReconnectAttempts: 3 });
  return { client, close: async () => void (await client.close()) };
}

/**
 * A describe block that runs against the shared test Redis, or is skipped with the reason in its name.
 * `redis()` is valid inside tests, after the block's beforeAll connected.
 */
export async function describeWithRedis(title: string, body: (redis: () => TestRedis) => void): Promise<void> {
  const { afterAll, beforeAll, describe } = await import("vitest");
  const skip = await redisSkipReason();
  describe.skipIf(skip !== null)(skip ? `${title} (skipped: ${skip})` : title, () => {
    let connection: TestRedis | undefined;
    beforeAll(async () => {
      connection = await redisForTests();
    });
    afterAll(async () => connection?.close());
    body(() => connection!);
  });
}
