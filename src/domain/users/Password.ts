import { codePointLength, isWellFormed } from "../shared/unicode.js";
import { WeakPassword } from "./UserErrors.js";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * A candidate password that meets the length rules (counted in Unicode code points, after NFC).
 * Ill-formed Unicode is refused: a lone surrogate would become U+FFFD on the way to the hasher, so `\ud800` and
 * `\udfff` would be one password. Whether it is too common or too personal is the use-case's policy.
 */
export class Password {
  private constructor(readonly value: string) {}

  static parse(raw: string): Password {
    if (!isWellFormed(raw)) throw new WeakPassword("Password must be well-formed Unicode text");
    const value = raw.normalize("NFC");
    const length = codePointLength(value);
    if (length < PASSWORD_MIN_LENGTH) throw new WeakPassword(`Password must be at least ${PASSWORD_MIN_LENGTH} characters`);
    if (length > PASSWORD_MAX_LENGTH) throw new WeakPassword(`Password must be at most ${PASSWORD_MAX_LENGTH} characters`);
    return new Password(value);
  }
}
