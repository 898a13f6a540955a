import { DomainError } from "../../domain/shared/DomainError.js";

/** An adapter's backend (database, cache, broker) cannot be reached right now; the request may be retried. */
export class DependencyUnavailable extends DomainError {
  readonly code = "SERVICE_UNAVAILABLE";
  constructor(dependency: string) {
    super(`A required service is unavailable (${dependency}); retry shortly`);
  }
}
