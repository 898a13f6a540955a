import { InvalidEmail } from "./UserErrors.js";

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by mail, not regex.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const MAX_LENGTH = 254;

/** An email address in its one canonical form: trimmed, Unicode NFC, lower-cased. */
export class Email {
  private constructor(readonly value: string) {}

  static normalise(raw: string): string {
    return raw.trim().normalize("NFC").toLowerCase();
  }

  static parse(raw: string): Email {
    const value = Email.normalise(raw);
    if (value.length > MAX_LENGTH || !SHAPE.test(value)) throw new InvalidEmail();
    return new Email(value);
  }

  toString(): string {
    return this.value;
  }
}
