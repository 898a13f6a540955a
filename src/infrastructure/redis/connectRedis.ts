import { createClient, createCluster } from "redis";
import type { Logger } from "../logging/logger.js";

export type RedisStandaloneClient = ReturnType<typeof createClient>;
export type RedisClusterClient = ReturnType<typeof createCluster>;
/**
 * What every Redis adapter takes: one server or a Redis Cluster. Both answer the same key-addressed commands; the
 * cluster routes each by its first key, so every multi-key command must keep its keys in one hash slot.
 */
export type RedisClient = RedisStandaloneClient | RedisClusterClient;

/** One Redis server, or the seed nodes of a Redis Cluster (the client discovers the rest). */
export type RedisTarget = { url: string } | { clusterNodes: readonly string[] };

export interface RedisOptions {
  /** Give up reconnecting after this many attempts (tests); the default is to retry for ever with capped backoff. */
  maxReconnectAttempts?: number;
  /** Cluster only: learn the topology without opening a connection to every node (connections blocked in a read). */
  minimizeConnections?: boolean;
}

/**
 * A client that reconnects with capped exponential backoff and never crashes the process on a socket error:
 * node-redis emits `error` on every failed reconnect and an unhandled one would kill us.
 */
export async function connectRedis(target: RedisTarget, logger: Logger, options: RedisOptions = {}): Promise<RedisClient> {
  const socket = {
    connectTimeout: 5_000,
    reconnectStrategy: (retries: number) => {
      if (options.maxReconnectAttempts !== undefined && retries >= options.maxReconnectAttempts)
        return new Error(`Redis unreachable after ${retries} attempts`);
      return Math.min(50 * 2 ** retries, 5_000);
    },
  };
  const log = connectionLog(logger);
  if ("url" in target) {
    // Fail fast while disconnected instead of queueing requests behind a dead socket.
    const client = createClient({ url: target.url, disableOfflineQueue: true, socket });
    client.on("error", log.error).on("ready", log.ready);
    await client.connect();
    return client;
  }
  const [first, ...rest] = target.clusterNodes.map((node) => new URL(node));
  if (!first) throw new Error("a Redis Cluster needs at least one seed node");
  const cluster = createCluster({
    rootNodes: [first, ...rest].map((u) => ({ socket: { host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port || 6379) } })),
    // Credentials and TLS of the seed apply to every node discovered (config checks the seeds agree).
    defaults: {
      disableOfflineQueue: true,
      ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
      socket: { ...socket, ...(first.protocol === "rediss:" ? { tls: true as const } : {}) },
    },
    ...(options.minimizeConnections ? { minimizeConnections: true } : {}),
  });
  cluster.on("error", log.error).on("node-error", log.error).on("node-ready", log.ready);
  await cluster.connect();
  followFailovers(cluster);
  return cluster;
}

/**
 * node-redis (5.x) re-reads the cluster's topology only when a node answers MOVED. A master that died answers
 * nothing, so its slots would stay pointed at a dead address for ever, even once a replica has taken over. So while
 * any node reports errors, re-read the topology every half second (from any reachable master, falling back to the seeds)
 * until the dead node has dropped out of it.
 */
function followFailovers(cluster: RedisClusterClient): void {
  let suspect = false;
  cluster.on("node-error", () => void (suspect = true));
  const timer = setInterval(() => {
    // A master whose connection is down counts as suspect until a re-read drops it or it comes back.
    if (!suspect && cluster.masters.every((m) => !m.client || m.client.isReady)) return;
    suspect = false;
    const reachable = cluster.masters.find((m) => m.client?.isReady)?.client;
    if (reachable) cluster._slots.rediscover(reachable).catch(() => void (suspect = true));
  }, 500);
  timer.unref();
  cluster.once("disconnect", () => clearInterval(timer));
}

/** One line per distinct failure, not one per reconnect attempt. */
function connectionLog(logger: Logger) {
  let lastError = "";
  return {
    error: (error: Error) => {
      if (error.message !== lastError) logger.warn({ err: error.message }, "redis connection error");
      lastError = error.message;
    },
    ready: () => {
      if (lastError) logger.info("redis connection restored");
      lastError = "";
    },
  };
}

/** PING on one server; on a cluster, PING on every master, since each one holds a share of the keys. */
export async function pingRedis(client: RedisClient): Promise<void> {
  if (!isCluster(client)) return void (await client.ping());
  for (const master of client.masters) await (await client.nodeClient(master)).ping();
}

export function isCluster(client: RedisClient): client is RedisClusterClient {
  return typeof (client as Partial<RedisClusterClient>).nodeClient === "function";
}

/**
 * Redis replicates asynchronously: a write acknowledged by a master that dies a moment later may be missing on the
 * replica that takes over. For the writes whose loss matters (an event leaving the outbox, an email marked sent),
 * WAIT until `replicas` replicas have it, on the connection that made the write (WAIT covers that connection's
 * writes), or fail so the caller retries. With 0, nothing is waited for.
 */
export async function waitForReplicas(client: RedisClient, key: string, replicas: number, timeoutMs = 1_000): Promise<void> {
  if (replicas <= 0) return;
  const args = ["WAIT", String(replicas), String(timeoutMs)];
  const acked = Number(isCluster(client) ? await client.sendCommand(key, false, args) : await client.sendCommand(args));
  if (acked < replicas) throw new Error(`write reached ${acked} of ${replicas} Redis replicas within ${timeoutMs} ms`);
}
