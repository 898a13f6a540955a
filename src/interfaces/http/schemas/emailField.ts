import { domainToASCII } from "node:url";
import { text } from "./text.js";

/**
 * An email as typed: the shared text rule (no controls, no invisible characters, NFC, trimmed), then an
 * international domain converted to its ASCII form (`ada@bücher.example` → `ada@xn--bcher-kva.example`), so the
 * domain's Email rule, which owns the rest of the syntax and the canonical form, sees only ASCII domains.
 * Format characters are refused before conversion because IDNA would silently drop some (a soft hyphen in
 * `exa\u00admple.com`) and turn a look-alike into someone else's address.
 */
export const emailField = text({ min: 1, max: 254 })
  .overwrite(asciiDomain)
  .meta({ format: "email", example: "ada@example.com", description: "Internationalised domains are stored in their ASCII (punycode) form" });

function asciiDomain(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0) return email;
  const ascii = domainToASCII(email.slice(at + 1));
  // An empty answer means "not a valid host name": keep the input and let the domain rule refuse it.
  return ascii === "" ? email : `${email.slice(0, at + 1)}${ascii}`;
}
