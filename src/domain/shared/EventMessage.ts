/**
 * A domain event in the envelope it travels in: the id lets consumers dedupe, the schema version lets them evolve.
 * It lives in the domain because repositories store it atomically with the aggregate (the transactional outbox).
 */
export interface EventMessage<TData = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  schemaVersion: number;
  data: TData;
  /** The request that caused the event, so what it triggers (an email) can be followed back to it. */
  trace?: TraceContext;
}

/** W3C Trace Context ids, lower-case hex: a 32-digit trace id and the 16-digit id of the span that raised the event. */
export interface TraceContext {
  traceId: string;
  spanId: string;
}
