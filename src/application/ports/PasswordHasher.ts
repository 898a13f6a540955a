export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** A valid hash of a random secret, so a login for an unknown email costs the same as a real one. */
  dummyHash(): Promise<string>;
}
