import type { Parsed } from "./corsOrigins.js";

/**
 * REDIS_CLUSTER_NODES: comma-separated seed nodes of a Redis Cluster, each `host:port` (`[::1]:7000` for IPv6) or a
 * `redis://` / `rediss://` URL when the cluster needs credentials or TLS. The client learns the other nodes from the
 * seeds, and applies the seeds' credentials and TLS to every node, so the seeds must agree on them. Returned as URLs;
 * errors name the entry by position and host only, never echoing a password.
 */
export function redisClusterNodes(list: string): Parsed<string[]> {
  const nodes: URL[] = [];
  const entries = list.split(",").map((e) => e.trim()).filter(Boolean);
  for (const [i, entry] of entries.entries()) {
    const which = `entry ${i + 1}`;
    const text = /^[a-z][a-z0-9+.-]*:\/\//iu.test(entry) ? entry : `redis://${entry}`;
    if (!URL.canParse(text)) return { ok: false, error: `${which} is not host:port or a redis:// URL` };
    const url = new URL(text);
    if (url.protocol !== "redis:" && url.protocol !== "rediss:") return { ok: false, error: `${which} must be host:port or start with redis:// or rediss://` };
    if (!url.hostname || !url.port) return { ok: false, error: `${which} (${url.hostname || "no host"}) needs a host and a port` };
    if ((url.pathname !== "" && url.pathname !== "/") || url.search || url.hash)
      return { ok: false, error: `${which} (${url.host}) has a path or query: a cluster has no database numbers` };
    const seed = nodes[0];
    if (seed && (seed.protocol !== url.protocol || seed.username !== url.username || seed.password !== url.password))
      return { ok: false, error: `${which} (${url.host}) has another scheme or other credentials than entry 1: every node gets the same` };
    nodes.push(url);
  }
  if (nodes.length === 0) return { ok: false, error: "lists no node" };
  return { ok: true, value: nodes.map((u) => u.href) };
}
