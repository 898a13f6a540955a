import type { EventMessage } from "../../domain/shared/EventMessage.js";

export type { EventMessage };

export interface Delivery {
  /** 1 on first delivery; grows with each retry, across consumers and restarts. */
  attempt: number;
}

/** Throwing means "not handled": the message is retried with backoff, then dead-lettered after the attempt limit. */
export type EventHandler = (message: EventMessage, delivery: Delivery) => Promise<void>;

export interface Subscription {
  /** Stops taking new messages, waits for in-flight handlers, and releases what it could not finish. */
  close(): Promise<void>;
}

/**
 * At-least-once delivery: every consumer group receives every message published on a channel, including those
 * published before the group first subscribed; members of one group share the messages. Handlers must be idempotent.
 */
export interface EventBus {
  /** Resolves once the message is durably on the bus; rejects if the bus is unreachable. */
  publish(channel: string, message: EventMessage): Promise<void>;
  subscribe(channel: string, group: string, handler: EventHandler): Promise<Subscription>;
}
