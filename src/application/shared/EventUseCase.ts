import type { EventMessage } from "../../domain/shared/EventMessage.js";

/**
 * A use-case triggered by an event rather than by a request. It names the event type it reacts to, which is also the
 * bus channel, so the worker builds its subscriptions from the handlers and a channel name is written once.
 */
export interface EventUseCase<TType extends string = string, TOutcome = unknown> {
  readonly eventType: TType;
  execute(message: EventMessage): Promise<TOutcome>;
}
