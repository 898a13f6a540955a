import { randomBytes } from "node:crypto";
import pRetry from "p-retry";
import type { ClaimResult, SendLedger } from "../../application/ports/SendLedger.js";
import { waitForReplicas, type RedisClient } from "./connectRedis.js";

export interface LedgerOptions {
  prefix: string;
  /** How long a claim holds before another worker may redo the work: longer than the slowest send. */
  claimMs: number;
  /** How long "sent" is remembered: longer than any redelivery can arrive (dead-letter replays included). */
  sentTtlSeconds: number;
  /** Replicas that must hold the "sent" mark before it counts (Redis WAIT); 0 by default. */
  waitReplicas?: number;
}

const SENT = "sent";
// Release only our own claim: if it expired and someone else took it, deleting theirs would allow a third send.
const RELEASE_IF_OURS = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** One key per notification: SET NX with a lease while sending, then "sent" with a long TTL. */
export class RedisSendLedger implements SendLedger {
  readonly #owner = `claim:${randomBytes(8).toString("hex")}`;

  constructor(
    private readonly client: RedisClient,
    private readonly options: LedgerOptions,
  ) {}

  async claim(key: string): Promise<ClaimResult> {
    const k = this.#key(key);
    if ((await this.client.set(k, this.#owner, { condition: "NX", expiration: { type: "PX", value: this.options.claimMs } })) === "OK") return "claimed";
    return (await this.client.get(k)) === SENT ? "already-sent" : "in-progress";
  }

  /**
   * The mail is already out: failing here would make a redelivery send it again. So keep trying through a Redis
   * outage for as long as our claim lasts (nobody else may send meanwhile), and only then give up.
   */
  async markSent(key: string): Promise<void> {
    const k = this.#key(key);
    const mark = async () => {
      await this.client.set(k, SENT, { expiration: { type: "EX", value: this.options.sentTtlSeconds } });
      // A mark lost in a failover would let a redelivery send the email again.
      await waitForReplicas(this.client, k, this.options.waitReplicas ?? 0);
    };
    // The first attempt outside p-retry, whose set-up per call showed in the worker's profile; the retries as before,
    // within what is left of the claim's time.
    const started = Date.now();
    try {
      return await mark();
    } catch {
      // retried below, after the same first pause p-retry would have made
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pRetry(mark, {
      retries: Number.POSITIVE_INFINITY,
      maxRetryTime: Math.max(0, this.options.claimMs - (Date.now() - started)),
      minTimeout: 50,
      maxTimeout: 1_000,
      randomize: true,
    });
  }

  async release(key: string): Promise<void> {
    await this.client.eval(RELEASE_IF_OURS, { keys: [this.#key(key)], arguments: [this.#owner] });
  }

  #key(key: string): string {
    return `${this.options.prefix}:sent:${key}`;
  }
}
