import { dictionary } from "@zxcvbn-ts/language-common";
import type { PasswordDenylist } from "../../application/ports/PasswordDenylist.js";

/**
 * zxcvbn-ts's list of ~49k most common passwords from public breaches. Only entries long enough to pass the
 * length rule matter, so only those are kept.
 */
export class CommonPasswordDenylist implements PasswordDenylist {
  readonly #common: ReadonlySet<string>;

  constructor(minLength: number, extra: string[] = []) {
    const all = [...dictionary["passwords-common"], ...extra];
    this.#common = new Set(all.filter((p) => p.length >= minLength).map((p) => p.toLowerCase()));
  }

  isCommon(password: string): boolean {
    return this.#common.has(password.toLowerCase());
  }
}
