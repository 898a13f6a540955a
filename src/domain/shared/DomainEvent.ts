/** A fact that happened to an aggregate. Envelope data (id, schema version) is added when it is published. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly occurredAt: Date;
  readonly data: TData;
}

/** Aggregates record events while their state changes; use-cases pull and publish them after saving. */
export class EventRecorder {
  #events: DomainEvent[] = [];

  protected record(event: DomainEvent): void {
    this.#events.push(event);
  }

  pullEvents(): DomainEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }
}
