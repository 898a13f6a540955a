/**
 * Base of every error a use-case may throw on purpose. `code` is stable and
 * public: the HTTP layer maps it to a status, clients branch on it.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}
