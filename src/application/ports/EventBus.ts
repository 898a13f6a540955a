/** What travels on the bus: a domain event wrapped with the data consumers need to dedupe and evolve. */
export interface EventMessage<TData = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  schemaVersion: number;
  data: TData;
}

export type EventHandler = (message: EventMessage) => Promise<void>;

export interface Subscription {
  /** Stops taking new messages and waits for in-flight handlers. */
  close(): Promise<void>;
}

export interface EventBus {
  publish(channel: string, message: EventMessage): Promise<void>;
  /** `group` names the consumer group: each group gets every message once; members of one group share them. */
  subscribe(channel: string, group: string, handler: EventHandler): Promise<Subscription>;
}
