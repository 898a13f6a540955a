import { DomainError } from "../../domain/shared/DomainError.js";

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
  /** The server-side session record this token stands for (the JWT's jti). */
  sessionId: string;
}

export interface IssuedToken {
  token: string;
  /** When the token itself stops verifying: the session's absolute lifetime; the record usually ends it sooner. */
  expiresAt: Date;
}

export interface VerifiedToken extends SessionClaims {
  expiresAt: Date;
}

export interface TokenService {
  issue(claims: SessionClaims): Promise<IssuedToken>;
  /** Throws InvalidToken for anything but a well-formed, unexpired token we signed. */
  verify(token: string): Promise<VerifiedToken>;
}

export class InvalidToken extends DomainError {
  readonly code = "UNAUTHENTICATED";
  constructor(message = "Authentication required") {
    super(message);
  }
}
