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

/** One error, one message for an unknown, used, expired, cancelled or other-purpose emailed token: nothing to tell apart. */
export class InvalidEmailedToken extends DomainError {
  readonly code = "INVALID_TOKEN";
  constructor() {
    super("This link is invalid or has expired; ask for a new one");
  }
}

/** REQUIRE_VERIFIED_EMAIL is on and the address is not proven yet; raised only after the password matched. */
export class EmailNotVerified extends DomainError {
  readonly code = "EMAIL_NOT_VERIFIED";
  constructor() {
    super("Verify your email address before logging in; ask for a new link if needed");
  }
}

export class EmailUnchanged extends DomainError {
  readonly code = "EMAIL_UNCHANGED";
  constructor() {
    super("The new address is the account's current one");
  }
}

/** Unknown, ended, or another user's: the same answer for all three. */
export class SessionNotFound extends DomainError {
  readonly code = "SESSION_NOT_FOUND";
  constructor() {
    super("Session not found");
  }
}
