import { DomainError } from "../shared/DomainError.js";

export class InvalidEmail extends DomainError {
  readonly code = "INVALID_EMAIL";
  constructor() {
    super("Email address is not valid");
  }
}

export class WeakPassword extends DomainError {
  readonly code = "WEAK_PASSWORD";
}

export class EmailTaken extends DomainError {
  readonly code = "EMAIL_TAKEN";
  constructor() {
    super("An account with this email already exists");
  }
}

/** Same error, same message for an unknown email and a wrong password: no account enumeration. */
export class InvalidCredentials extends DomainError {
  readonly code = "INVALID_CREDENTIALS";
  constructor() {
    super("Email or password is incorrect");
  }
}

export class WrongPassword extends DomainError {
  readonly code = "WRONG_PASSWORD";
  constructor() {
    super("Current password is incorrect");
  }
}

export class UserNotFound extends DomainError {
  readonly code = "USER_NOT_FOUND";
  constructor() {
    super("User not found");
  }
}

/** Someone else changed the user between our read and our write; retrying on fresh state is safe. */
export class UserModifiedConcurrently extends DomainError {
  readonly code = "CONFLICT";
  constructor() {
    super("The account was modified by another request; retry");
  }
}

/** Unknown, ended, or another user's: the same answer for all three. */
export class SessionNotFound extends DomainError {
  readonly code = "SESSION_NOT_FOUND";
  constructor() {
    super("Session not found");
  }
}
