export interface PasswordDenylist {
  /** True when the password is among the most common ones (case-insensitive). */
  isCommon(password: string): boolean;
}
