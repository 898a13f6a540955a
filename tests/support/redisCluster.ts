import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createClient } from "redis";
import { freePort } from "./freePort.js";
import { redisAnswers, redisForTests, type TestRedis } from "./redis.js";

const run = promisify(execFile);

interface Node {
  port: number;
  args: string[];
  child: ChildProcess | null;
}

/**
 * A private Redis Cluster of `redis-server` processes on free loopback ports: `masters` masters, each with `replicas`
 * replicas, created with `redis-cli --cluster create`. A node timeout of 1 s makes a replica take over a killed master
 * within about two seconds. Nothing is persisted: the cluster lives as long as the test file.
 */
export class RedisClusterProcess {
  readonly #dir = mkdtempSync(path.join(tmpdir(), "bazaar-cluster-"));
  readonly #nodes: Node[] = [];

  private constructor() {}

  static async start(masters = 3, replicas = 0): Promise<RedisClusterProcess> {
    const cluster = new RedisClusterProcess();
    try {
      for (let i = 0; i < masters * (1 + replicas); i++) cluster.#nodes.push(await cluster.#startNode(i));
      const addresses = cluster.#nodes.map((n) => `127.0.0.1:${n.port}`);
      await run("redis-cli", ["--cluster", "create", ...addresses, "--cluster-replicas", String(replicas), "--cluster-yes"], { timeout: 30_000 });
      await cluster.waitHealthy();
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** What REDIS_CLUSTER_NODES would say: every node is a seed. */
  get nodes(): string[] {
    return this.#nodes.map((n) => `127.0.0.1:${n.port}`);
  }

  get target(): { clusterNodes: string[] } {
    return { clusterNodes: this.nodes.map((n) => `redis://${n}`) };
  }

  async #startNode(i: number): Promise<Node> {
    const [port, busPort] = [await freePort(), await freePort()];
    const dir = path.join(this.#dir, String(i));
    const args = ["--port", String(port), "--cluster-port", String(busPort), "--bind", "127.0.0.1", "--cluster-enabled", "yes"];
    args.push("--cluster-config-file", path.join(dir, "nodes.conf"), "--cluster-node-timeout", "1000", "--repl-diskless-sync-delay", "0", "--save", "", "--appendonly", "no", "--dir", this.#dir);
    mkdirSync(dir, { recursive: true });
    const node: Node = { port, args, child: null };
    await this.#spawn(node);
    return node;
  }

  async #spawn(node: Node): Promise<void> {
    node.child = spawn("redis-server", node.args, { stdio: "ignore" });
    for (let t = 0; t < 200; t++) {
      if (await redisAnswers(`redis://127.0.0.1:${node.port}`, 200)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`redis-server (cluster node) did not start on port ${node.port}`);
  }

  /** Starts a killed node again: it keeps its cluster identity (nodes.conf) and rejoins, as a replica if it was replaced. */
  async restart(port: number): Promise<void> {
    const node = this.#nodes.find((n) => n.port === port);
    if (!node || node.child) return;
    await this.#spawn(node);
  }

  /** Every live node says `cluster_state:ok`, agrees on the slots, and every live replica is in sync with its master. */
  async waitHealthy(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = await this.#unhealthy();
      if (!last) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Redis Cluster not healthy after ${timeoutMs} ms: ${last}`);
  }

  async #unhealthy(): Promise<string> {
    const live = this.#nodes.filter((n) => n.child);
    const { stdout } = await run("redis-cli", ["--cluster", "check", `127.0.0.1:${live[0]!.port}`]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "check failed" }));
    if (!stdout.includes("All nodes agree about slots configuration") || !stdout.includes("All 16384 slots covered")) return "slots not agreed or not covered";
    for (const n of live) {
      const info = await this.#cli(n.port, "cluster", "info");
      if (!info.includes("cluster_state:ok")) return `node ${n.port} not ok`;
      const repl = await this.#cli(n.port, "info", "replication");
      if (repl.includes("role:slave") && !repl.includes("master_link_status:up")) return `replica ${n.port} not in sync`;
    }
    return "";
  }

  async #cli(port: number, ...args: string[]): Promise<string> {
    return (await run("redis-cli", ["-p", String(port), ...args])).stdout;
  }

  /** The port of the master that serves `key` right now. */
  async masterOf(key: string): Promise<number> {
    const live = this.#nodes.find((n) => n.child)!;
    const client = createClient({ url: `redis://127.0.0.1:${live.port}` });
    client.on("error", () => undefined);
    await client.connect();
    try {
      const slot = await client.clusterKeySlot(key);
      const range = (await client.clusterSlots()).find((r) => r.from <= slot && slot <= r.to);
      if (!range) throw new Error(`no master serves slot ${slot}`);
      return range.master.port;
    } finally {
      await client.close();
    }
  }

  /** SIGKILL one node: nothing flushed, connections reset. */
  async kill(port: number): Promise<void> {
    const node = this.#nodes.find((n) => n.port === port);
    const child = node?.child;
    if (!node || !child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    node.child = null;
  }

  async stop(): Promise<void> {
    for (const n of this.#nodes) await this.kill(n.port);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** Null when this machine can run a cluster (redis-server 7+ for `--cluster-port`, and redis-cli); else why not. */
export async function clusterSkipReason(): Promise<string | null> {
  try {
    const { stdout } = await run("redis-server", ["--version"]);
    const major = Number(/v=(\d+)/u.exec(stdout)?.[1] ?? 0);
    if (major < 7) return `redis-server ${major} is older than 7 (no --cluster-port)`;
    await run("redis-cli", ["--version"]);
    return null;
  } catch {
    return "no redis-server or redis-cli on PATH";
  }
}

export interface ClusterFixture {
  cluster: RedisClusterProcess;
  /** A cluster client on it, as Bazaar's adapters get one. */
  redis: TestRedis;
}

/**
 * A describe block with a private three-master Redis Cluster started once for the block (about 2.5 s), or skipped
 * with the reason in its name when this machine cannot run one.
 */
export async function describeWithRedisCluster(title: string, body: (fixture: () => ClusterFixture) => void, replicas = 0): Promise<void> {
  const { afterAll, beforeAll, describe } = await import("vitest");
  const skip = await clusterSkipReason();
  describe.skipIf(skip !== null)(skip ? `${title} (skipped: ${skip})` : title, () => {
    let fixture: ClusterFixture | undefined;
    beforeAll(async () => {
      const cluster = await RedisClusterProcess.start(3, replicas);
      fixture = { cluster, redis: await redisForTests(cluster.target) };
    });
    afterAll(async () => {
      await fixture?.redis.close();
      await fixture?.cluster.stop();
    });
    body(() => fixture!);
  });
}
