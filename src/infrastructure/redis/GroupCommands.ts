import type { RedisClient } from "./connectRedis.js";
import { deadLetterEntry, type StreamKeys } from "./streamKeys.js";

export interface IdleEntry {
  id: string;
  idleMs: number;
  deliveries: number;
}

/** The Redis commands one consumer-group member needs, on the shared non-blocking connection. */
export class GroupCommands {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: StreamKeys,
    private readonly channel: string,
    private readonly group: string,
    private readonly consumer: string,
  ) {}

  /** From id 0, so a group created after the first publications still receives them. */
  async ensureGroup(): Promise<void> {
    try {
      await this.client.xGroupCreate(this.keys.stream, this.group, "0", { MKSTREAM: true });
    } catch (error) {
      if (!(error instanceof Error && error.message.includes("BUSYGROUP"))) throw error;
    }
  }

  async idle(minIdleMs: number, count: number): Promise<IdleEntry[]> {
    const entries = await this.client.xPendingRange(this.keys.stream, this.group, "-", "+", count, { IDLE: minIdleMs });
    return entries.map((e) => ({ id: e.id, idleMs: e.millisecondsSinceLastDelivery, deliveries: e.deliveriesCounter }));
  }

  /**
   * XCLAIM with a minimum idle time is the lock: of several members sweeping at once, exactly one gets the entry.
   * Undefined: someone else got it. Null: it was trimmed from the stream before anyone handled it.
   */
  async claim(id: string, minIdleMs: number): Promise<Record<string, string> | null | undefined> {
    const [claimed] = await this.client.xClaim(this.keys.stream, this.group, this.consumer, minIdleMs, id);
    return claimed === null ? null : (claimed?.message as Record<string, string> | undefined);
  }

  async ack(id: string): Promise<void> {
    await this.client.xAck(this.keys.stream, this.group, id);
  }

  #acks: string[] = [];
  #ackFlush: Promise<void> | null = null;

  /**
   * Acknowledgements asked for in the same turn of the event loop go as one XACK (one command instead of one per
   * message). Holding an ack back for a turn changes nothing that delivery promises: the handler has already finished
   * (for a notification, the send ledger already holds "sent") before its ack is asked for, and an ack that never
   * arrives (the worker dies within the turn) only means the message is redelivered, which at-least-once delivery
   * allows and where the ledger's "sent" makes the handler send nothing. The promise settles with the XACK that
   * carried the id.
   */
  ackSoon(id: string): Promise<void> {
    this.#acks.push(id);
    this.#ackFlush ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const ids = this.#acks.splice(0);
      this.#ackFlush = null;
      await this.client.xAck(this.keys.stream, this.group, ids);
    });
    return this.#ackFlush;
  }

  /** Kept beside the entry so that whichever member dead-letters it can say why. */
  async recordFailure(id: string, reason: string): Promise<void> {
    await this.client.hSet(this.keys.errors, id, reason);
  }

  async forgetFailure(id: string): Promise<void> {
    await this.client.hDel(this.keys.errors, id);
  }

  /** Moves the entry to the dead-letter stream and acknowledges it in one transaction; returns the last failure. */
  async deadLetter(id: string, fields: Record<string, string>, attempts: number): Promise<string> {
    const reason = (await this.client.hGet(this.keys.errors, id)) ?? "unknown";
    const entry = deadLetterEntry({ channel: this.channel, group: this.group, raw: fields.message ?? "", reason, attempts, streamId: id });
    await this.client.multi().xAdd(this.keys.dead, "*", entry).xAck(this.keys.stream, this.group, id).hDel(this.keys.errors, id).exec();
    return reason;
  }

  /** Resets the idle time of entries still being worked on, so sweepers elsewhere leave them alone. */
  async heartbeat(ids: string[]): Promise<void> {
    await this.client.xClaimJustId(this.keys.stream, this.group, this.consumer, 0, ids);
  }

  /** An idle time far in the past makes the entries claimable by the next sweep of any other member. */
  async release(ids: string[], idleMs: number): Promise<void> {
    await this.client.xClaimJustId(this.keys.stream, this.group, this.consumer, 0, ids, { IDLE: idleMs });
  }
}
