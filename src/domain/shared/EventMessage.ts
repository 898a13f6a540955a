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
}
