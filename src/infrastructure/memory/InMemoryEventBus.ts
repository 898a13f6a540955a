import type { EventBus, EventHandler, EventMessage, Subscription } from "../../application/ports/EventBus.js";

interface Group {
  handlers: EventHandler[];
  next: number;
}

/**
 * In-process bus for the embedded default and unit tests. Messages are JSON round-tripped, as on Redis,
 * and handed to one member of each consumer group, asynchronously so publishers never wait on handlers.
 */
export class InMemoryEventBus implements EventBus {
  readonly #groups = new Map<string, Map<string, Group>>();
  readonly #inFlight = new Set<Promise<void>>();

  async publish(channel: string, message: EventMessage): Promise<void> {
    const wire = JSON.stringify(message);
    for (const group of this.#groups.get(channel)?.values() ?? []) {
      if (group.handlers.length === 0) continue;
      const handler = group.handlers[group.next++ % group.handlers.length]!;
      const delivery = Promise.resolve()
        .then(() => handler(JSON.parse(wire) as EventMessage))
        .catch(() => undefined)
        .finally(() => this.#inFlight.delete(delivery));
      this.#inFlight.add(delivery);
    }
  }

  async subscribe(channel: string, group: string, handler: EventHandler): Promise<Subscription> {
    const groups = this.#groups.get(channel) ?? new Map<string, Group>();
    this.#groups.set(channel, groups);
    const members = groups.get(group) ?? { handlers: [], next: 0 };
    groups.set(group, members);
    members.handlers.push(handler);
    return {
      close: async () => {
        members.handlers = members.handlers.filter((h) => h !== handler);
        await this.drain();
      },
    };
  }

  /** Resolves when every delivery started so far has finished. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
