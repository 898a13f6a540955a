import { DomainError } from "../../domain/shared/DomainError.js";

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
}

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
}

export interface VerifiedToken extends SessionClaims {
  tokenId: string;
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
