import { randomBytes } from "node:crypto";
import type { EventMessage } from "../../src/application/ports/EventBus.js";
import { createLogger, type Logger } from "../../src/infrastructure/logging/logger.js";
import { connectRedis, type RedisClient } from "../../src/infrastructure/redis/connectRedis.js";
import { RedisStreamEventBus, type RedisBusOptions } from "../../src/infrastructure/redis/RedisStreamEventBus.js";

export const silent: Logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");

/** Small timings so retries, takeovers and dead letters happen within a test's second. */
export const FAST = {
  retry: { maxAttempts: 3, baseDelayMs: 40, maxDelayMs: 200 },
  leaseMs: 150,
  blockMs: 40,
  batchSize: 16,
  concurrency: 4,
  shutdownTimeoutMs: 2_000,
  maxLen: 10_000,
};

export const uniquePrefix = (name: string) => `test:${name}:${process.pid}:${randomBytes(4).toString("hex")}`;

let seq = 0;
export function eventMessage(type = "user:signup", data: unknown = { userId: "u1", email: "ada@example.com", firstName: "Ada" }): EventMessage {
  return { id: `evt-${++seq}-${randomBytes(4).toString("hex")}`, type, occurredAt: new Date().toISOString(), schemaVersion: 1, data };
}

/** `maxReconnectAttempts` undefined means "for ever", which tests that restart Redis need. */
export async function redisBus(url: string, prefix: string, overrides: Partial<RedisBusOptions> = {}, maxReconnectAttempts: number | undefined = 3): Promise<RedisStreamEventBus> {
  const connect = () => connectRedis({ url, ...(maxReconnectAttempts === undefined ? {} : { maxReconnectAttempts }) }, silent);
  const [publisher, commands] = await Promise.all([connect(), connect()]);
  return new RedisStreamEventBus({ publisher, commands, openReader: connect }, { ...FAST, prefix, ...overrides }, silent);
}

export async function deleteKeys(client: RedisClient, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length > 0) await client.del(keys);
}
