import { randomBytes } from "node:crypto";
import type { EventMessage } from "../../src/application/ports/EventBus.js";
import { createLogger, type Logger } from "../../src/infrastructure/logging/logger.js";
import { connectRedis, isCluster, type RedisClient, type RedisTarget } from "../../src/infrastructure/redis/connectRedis.js";
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
/** `target`: a URL, or a cluster's seed nodes. */
export async function redisBus(target: string | RedisTarget, prefix: string, overrides: Partial<RedisBusOptions> = {}, maxReconnectAttempts: number | undefined = 3): Promise<RedisStreamEventBus> {
  const where = typeof target === "string" ? { url: target } : target;
  const connect = () => connectRedis(where, silent, maxReconnectAttempts === undefined ? {} : { maxReconnectAttempts });
  const [publisher, commands] = await Promise.all([connect(), connect()]);
  return new RedisStreamEventBus({ publisher, commands, openReader: connect }, { ...FAST, prefix, ...overrides }, silent);
}

/** Every key of a test prefix, including those that carry it inside a hash tag (`{prefix:stream:…}:dead:…`). */
export async function deleteKeys(client: RedisClient, prefix: string): Promise<void> {
  const nodes = isCluster(client) ? await Promise.all(client.masters.map((m) => client.nodeClient(m))) : [client];
  for (const node of nodes)
    for (const match of [`${prefix}*`, `{${prefix}*`])
      for await (const keys of node.scanIterator({ MATCH: match, COUNT: 500 })) for (const key of keys) await node.del(key);
}
