/** What a client gets on login or password change: the cookie's value and when the session ends if left unused. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
}
