import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../../src/infrastructure/config/config.js";

describe("Redis settings", () => {
  it("REDIS_URL means one server; REDIS_CLUSTER_NODES means a cluster, seeds as URLs; either means Redis mode", () => {
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).redis).toEqual({ url: "redis://127.0.0.1:6379" });
    const cluster = loadConfig({ REDIS_CLUSTER_NODES: "10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002" });
    expect(cluster.redis).toEqual({ clusterNodes: ["redis://10.0.0.1:7000", "redis://10.0.0.2:7001", "redis://[::1]:7002"] });
    expect(cluster.notifications.inProcess).toBe(false);
    expect(loadConfig({ REDIS_CLUSTER_NODES: "rediss://u:p@a.example:7000,rediss://u:p@b.example:7000" }).redis).toEqual({
      clusterNodes: ["rediss://u:p@a.example:7000", "rediss://u:p@b.example:7000"],
    });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["both set", { REDIS_URL: "redis://127.0.0.1:6379", REDIS_CLUSTER_NODES: "127.0.0.1:7000" }, /^Invalid configuration: set REDIS_URL or REDIS_CLUSTER_NODES, not both$/],
    ["a node without a port", { REDIS_CLUSTER_NODES: "127.0.0.1:7000,127.0.0.1" }, /REDIS_CLUSTER_NODES entry 2 \(127\.0\.0\.1\) needs a host and a port/],
    ["another scheme", { REDIS_CLUSTER_NODES: "http://127.0.0.1:7000" }, /REDIS_CLUSTER_NODES entry 1 must be host:port/],
    ["a database number", { REDIS_CLUSTER_NODES: "redis://127.0.0.1:7000/2" }, /no database numbers/],
    ["seeds that disagree on credentials", { REDIS_CLUSTER_NODES: "redis://:one@a.example:7000,redis://:two@b.example:7000" }, /entry 2 \(b\.example:7000\) has another scheme or other credentials/],
    ["nothing but commas", { REDIS_CLUSTER_NODES: " , " }, /REDIS_CLUSTER_NODES lists no node/],
    ["a stream prefix with a brace", { EVENT_STREAM_PREFIX: "bazaar:{events}" }, /EVENT_STREAM_PREFIX must not contain \{ or \}/],
  ])("refuses %s with one line naming the setting", (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("never echoes a node's password", () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: "redis://:hunter2secret@a.example:7000,redis://:other@b.example:7000" })).toThrow(/^(?!.*(hunter2secret|other@)).*$/);
  });
});
