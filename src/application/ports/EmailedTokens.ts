/**
 * One mechanism for every token sent by email (verification, reset, email change, undo, account restore).
 * Purposes are distinct: a token of one purpose never works for another, and never as a session.
 */
export const TOKEN_PURPOSES = ["verify-email", "reset-password", "confirm-email-change", "undo-email-change", "restore-account"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export interface EmailedTokenGrant {
  purpose: TokenPurpose;
  userId: string;
  /** The address the token was sent to. */
  email: string;
  expiresAt: Date;
  /** Small purpose-specific values (the pending address of an email change, …). Never a secret. */
  data?: Readonly<Record<string, string>> | undefined;
}

export interface EmailedTokens {
  /**
   * Makes a fresh token (32 random bytes) and stores only its SHA-256 with the grant, until `expiresAt`. Cancels the
   * user's older token of the same purpose. Returns the raw token: it exists only in the email.
   */
  issue(grant: EmailedTokenGrant): Promise<string>;
  /**
   * Takes the grant atomically: of any number of concurrent calls with one live token of this purpose, exactly one
   * gets the grant; every other call, and any unknown, used, expired, cancelled or other-purpose token, gets null.
   */
  consume(purpose: TokenPurpose, token: string): Promise<EmailedTokenGrant | null>;
  /**
   * The grant a live token of this purpose holds, without using it up (null as for consume). For checks that must not
   * burn the link when they fail (a weak new password, an address taken meanwhile); the use itself is still `consume`.
   */
  peek(purpose: TokenPurpose, token: string): Promise<EmailedTokenGrant | null>;
  /** Cancels the user's outstanding tokens: every purpose, or only those listed. */
  cancelAll(userId: string, purposes?: readonly TokenPurpose[]): Promise<void>;
}
