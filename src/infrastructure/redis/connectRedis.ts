import { createClient } from "redis";
import type { Logger } from "../logging/logger.js";

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisOptions {
  url: string;
  /** Give up reconnecting after this many attempts (tests); the default is to retry for ever with capped backoff. */
  maxReconnectAttempts?: number;
}

/**
 * A client that reconnects with capped exponential backoff and never crashes the process on a socket error:
 * node-redis emits `error` on every failed reconnect and an unhandled one would kill us.
 */
export async function connectRedis(options: RedisOptions, logger: Logger): Promise<RedisClient> {
  const client = createClient({
    url: options.url,
    // Fail fast while disconnected instead of queueing requests behind a dead socket.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries) => {
        if (options.maxReconnectAttempts !== undefined && retries >= options.maxReconnectAttempts)
          return new Error(`Redis unreachable after ${retries} attempts`);
        return Math.min(50 * 2 ** retries, 5_000);
      },
    },
  });
  let lastError = "";
  client.on("error", (error: Error) => {
    // One line per distinct failure, not one per reconnect attempt.
    if (error.message !== lastError) logger.warn({ err: error.message }, "redis connection error");
    lastError = error.message;
  });
  client.on("ready", () => {
    if (lastError) logger.info("redis connection restored");
    lastError = "";
  });
  await client.connect();
  return client;
}
