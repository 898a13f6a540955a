import { isDomainName } from "../shared/domainName.js";
import { isWellFormed, utf8Length } from "../shared/unicode.js";
import { InvalidEmail } from "./UserErrors.js";

// RFC 5322 dot-atom: atext runs separated by single dots. atext is widened from ASCII letters and digits to
// Unicode letters, marks and digits (RFC 6531, internationalised mailboxes). No quoted strings, comments, spaces,
// control or format characters: they are legal in theory, unused in practice, and the stuff of look-alike accounts.
const ATEXT = "[\\p{L}\\p{M}\\p{Nd}!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*$`, "u");
const LOCAL_MAX_BYTES = 64;
const MAX_BYTES = 254;

/**
 * An email address in its one canonical form, which is both the account key and the address mail goes to:
 * trimmed, NFC, lower-cased, `local@domain` with a strict local part and an ASCII domain name.
 * International domain names must be converted to ASCII (punycode) before they get here: that needs the IDNA
 * tables of a URL library, which the domain does not import; the HTTP edge does it (schemas/emailField.ts).
 */
export class Email {
  private constructor(readonly value: string) {}

  /** The canonical form used as key everywhere (storage, lookups, throttling); valid or not. */
  static normalise(raw: string): string {
    // Lower-casing can decompose (U+0130 → i + U+0307), hence NFC again.
    return raw.trim().normalize("NFC").toLowerCase().normalize("NFC");
  }

  static parse(raw: string): Email {
    if (!isWellFormed(raw)) throw new InvalidEmail();
    const value = Email.normalise(raw);
    const at = value.lastIndexOf("@");
    const local = value.slice(0, at);
    const domain = value.slice(at + 1);
    if (at < 1 || !LOCAL_PART.test(local) || utf8Length(local) > LOCAL_MAX_BYTES || !isDomainName(domain) || utf8Length(value) > MAX_BYTES)
      throw new InvalidEmail();
    return new Email(value);
  }

  toString(): string {
    return this.value;
  }
}
