import { createHash, randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import bcrypt from "bcrypt";
import pLimit, { type LimitFunction } from "p-limit";
import type { PasswordHasher } from "../../application/ports/PasswordHasher.js";

/**
 * bcrypt reads only the first 72 bytes of its input, so two long passwords sharing a prefix would collide.
 * We hash SHA-256(password) instead, as base64 (44 ASCII bytes, no NUL): every byte of the password counts.
 * bcrypt's native binding runs on libuv's thread pool, so hashing never blocks the event loop.
 *
 * That pool (4 threads by default) also serves fs and dns: a login storm that filled it would stall every
 * file read (catalog images timed out in bench/login.ts). And every hash holds a core for ~200 ms at cost 12: with
 * as many hashes as cores, the event loop (health checks, catalog pages, images) queues behind them for a time
 * slice. So at most cores − 1 hashes run at once (at least 1, at most 3, which also keeps a pool thread free): a
 * login storm takes every core but one, and the API stays fast for everyone else (on 2 cores, /healthz p99 13 ms
 * instead of 58 ms, for half the logins per second: docs/BENCHMARKS.md, section 2). The rest wait in this queue,
 * first come first served (a storm cannot overtake a login that was waiting before it; per-account and per-IP rate
 * limits, consumed before any hash, bound how much of the queue one client can take). PASSWORD_HASH_CONCURRENCY
 * sets another cap, e.g. the core count where login throughput matters more than latency.
 */
const DEFAULT_CONCURRENCY = Math.max(1, Math.min(availableParallelism() - 1, 3));

export class BcryptPasswordHasher implements PasswordHasher {
  #dummy: Promise<string> | undefined;

  readonly #limit: LimitFunction;

  constructor(
    private readonly cost: number,
    concurrency = DEFAULT_CONCURRENCY,
  ) {
    this.#limit = pLimit(concurrency);
  }

  hash(password: string): Promise<string> {
    return this.#limit(() => bcrypt.hash(prehash(password), this.cost));
  }

  async verify(password: string, hash: string): Promise<boolean> {
    return this.#limit(() => bcrypt.compare(prehash(password), hash));
  }

  dummyHash(): Promise<string> {
    this.#dummy ??= this.hash(randomBytes(32).toString("hex"));
    return this.#dummy;
  }
}

function prehash(password: string): string {
  return createHash("sha256").update(password, "utf8").digest("base64");
}
