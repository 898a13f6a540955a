import type { EventMessage } from "../../domain/shared/EventMessage.js";

export interface PendingMessage {
  /** The aggregate whose atomic write stored the message. */
  ownerId: string;
  message: EventMessage;
}

/** The read side of a transactional outbox: messages saved with their aggregate and not yet confirmed on the bus. */
export interface OutboxStore {
  /** Oldest first. */
  pending(limit: number): Promise<PendingMessage[]>;
  markSent(sent: PendingMessage[]): Promise<void>;
  /** How many messages wait to be published: the backlog an operator watches while the bus is down. */
  countPending(): Promise<number>;
}
