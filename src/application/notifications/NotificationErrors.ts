import { DomainError } from "../../domain/shared/DomainError.js";

/** The message is not one this handler understands (wrong type, unknown schema version, bad data): it will be dead-lettered. */
export class UnsupportedEvent extends DomainError {
  readonly code = "UNSUPPORTED_EVENT";
}

/** Another worker holds the claim on this notification right now; retrying later is safe. */
export class NotificationInProgress extends DomainError {
  readonly code = "NOTIFICATION_IN_PROGRESS";
  constructor(key: string) {
    super(`Notification ${key} is being sent by another worker`);
  }
}
