import { Password } from "../../../domain/users/Password.js";
import { WeakPassword } from "../../../domain/users/UserErrors.js";
import type { PasswordDenylist } from "../../ports/PasswordDenylist.js";

/** Who the password is for: words an attacker guesses first for this very account (ASVS 6.1.2 / 6.2.11). */
export interface PasswordOwner {
  /** The account's address in its canonical form. */
  email: string;
  firstName: string;
  lastName: string | null;
}

const SERVICE_WORDS = ["bazaar"];
const MIN_WORD = 3;
const fold = (s: string) => s.normalize("NFC").toLowerCase();
/** A name's parts as well as the whole: "Mary Ann" forbids "mary ann", "mary" and "ann". */
const parts = (s: string) => [s, ...s.split(/[\s.\-_+]+/u)].map(fold).filter((w) => [...w].length >= MIN_WORD);

/**
 * Length rules from the domain, the common-password denylist and the account's own words: used wherever a
 * password is chosen (signup, change), never at login, where any password that was accepted once still works.
 */
export function acceptNewPassword(raw: string, denylist: PasswordDenylist, owner: PasswordOwner): Password {
  const password = Password.parse(raw);
  if (denylist.isCommon(password.value)) throw new WeakPassword("This password is too common; choose another");
  const folded = fold(password.value);
  const contains = (words: string[]) => words.some((w) => folded.includes(w));
  const localPart = owner.email.slice(0, Math.max(0, owner.email.lastIndexOf("@")));
  if (contains(parts(localPart))) throw new WeakPassword("Password must not contain your email address or a part of it");
  if (contains([...parts(owner.firstName), ...parts(owner.lastName ?? "")])) throw new WeakPassword("Password must not contain your name");
  if (contains(SERVICE_WORDS)) throw new WeakPassword('Password must not contain the word "bazaar"');
  return password;
}
