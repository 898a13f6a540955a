import { Password } from "../../../domain/users/Password.js";
import { WeakPassword } from "../../../domain/users/UserErrors.js";
import type { PasswordDenylist } from "../../ports/PasswordDenylist.js";

/** Length rules from the domain plus the common-password denylist: used wherever a password is chosen. */
export function acceptNewPassword(raw: string, denylist: PasswordDenylist): Password {
  const password = Password.parse(raw);
  if (denylist.isCommon(password.value)) throw new WeakPassword("This password is too common; choose another");
  return password;
}
