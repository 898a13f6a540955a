import { WeakPassword } from "./UserErrors.js";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * A candidate password that meets the length rules (counted in Unicode code points, after NFC).
 * Whether it is too common is checked by the use-case against the denylist port.
 */
export class Password {
  private constructor(readonly value: string) {}

  static parse(raw: string): Password {
    const value = raw.normalize("NFC");
    const length = [...value].length;
    if (length < PASSWORD_MIN_LENGTH) throw new WeakPassword(`Password must be at least ${PASSWORD_MIN_LENGTH} characters`);
    if (length > PASSWORD_MAX_LENGTH) throw new WeakPassword(`Password must be at most ${PASSWORD_MAX_LENGTH} characters`);
    return new Password(value);
  }
}
