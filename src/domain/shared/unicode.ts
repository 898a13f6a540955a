/**
 * True when the string has no lone UTF-16 surrogate, i.e. it can be encoded as UTF-8 without loss.
 * Same answer as String.prototype.isWellFormed (ES2024, beyond this project's ES2023 lib): in a `u` regex a lone
 * surrogate is a code point of category Cs, while a valid pair is one code point of another category.
 */
export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

const LONE_SURROGATE = /\p{Cs}/u;

/** Length in Unicode code points, the unit every length limit in Bazaar is counted in. */
export const codePointLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Bytes the string takes in UTF-8: the unit of the SMTP length limits. */
export const utf8Length = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
};
