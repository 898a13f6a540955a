import { spawn } from "node:child_process";
import { once } from "node:events";
import { freePort } from "../../tests/support/freePort.js";
import { redisAnswers } from "../../tests/support/redis.js";

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The Redis scenarios are skipped, not failed, where there is no Redis. */
export const redisReachable = (url = REDIS_URL): Promise<boolean> => redisAnswers(url);

/**
 * A private redis-server on a free port, configured like the shared one on 6379 (no persistence), or null where
 * redis-server is not installed. Benches that count Redis commands use it, so nobody else's commands mix in.
 */
export async function startPrivateRedis(): Promise<{ url: string; stop(): Promise<void> } | null> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const failed = new Promise<boolean>((resolve) => child.once("error", () => resolve(true)));
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (await Promise.race([failed, new Promise((r) => setTimeout(r, 25)).then(() => false)])) return null;
    if (await redisAnswers(url, 200)) {
      process.on("exit", () => child.kill("SIGKILL"));
      return { url, stop: async () => void (child.kill("SIGTERM"), await once(child, "exit")) };
    }
  }
  child.kill("SIGKILL");
  return null;
}
