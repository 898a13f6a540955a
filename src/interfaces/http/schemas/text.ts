import { z } from "zod";
import { codePointLength, isWellFormed } from "../../../domain/shared/unicode.js";

export interface TextRules {
  /** Most code points allowed, counted after normalisation. */
  max: number;
  /** Fewest code points, counted after normalisation (default 0). */
  min?: number;
  /** Allow line feed, carriage return and tab (free text such as `about`). */
  multiline?: boolean;
  /**
   * Unicode format characters (category Cf: zero-width space, bidi overrides, BOM, soft hyphen…).
   * "refuse" (default) for identifiers and names; "joiners" keeps only ZWNJ, ZWJ and the LRM/RLM/ALM marks, which
   * Persian, Indic scripts, right-to-left text and emoji sequences need; "any" for secrets, which nobody displays.
   */
  format?: "refuse" | "joiners" | "any";
  /** Controls C0/C1: "refuse" (default); "any" only where an existing secret must keep working (login). */
  controls?: "refuse" | "any";
  /** Strip surrounding white space (default true; never for passwords). */
  trim?: boolean;
  /** A secret: messages never name a character of it. */
  secret?: boolean;
}

const CONTROL = /\p{Cc}/u;
const FORMAT = /\p{Cf}/u;
const LINE_BREAKS = new Set(["\n", "\r", "\t"]);
// U+2028 and U+2029 are neither Cc nor Cf, but break lines in JavaScript and in most renderers.
const SEPARATORS = new Set(["\u2028", "\u2029"]);
const SUSPECT = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const JOINERS = new Set(["\u200c", "\u200d", "\u200e", "\u200f", "\u061c"]);

const hex = (ch: string) => ` (found U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;

/**
 * The one rule for a string from outside (body, query or path): well-formed Unicode, NFC, no control characters,
 * no invisible format characters unless the field needs them, length in code points after normalisation.
 * Returns a plain zod string (normalised in place), so `.nullable()`, `.optional()` and OpenAPI work as usual.
 */
export function text(rules: TextRules) {
  const { max, min = 0, multiline = false, format = "refuse", controls = "refuse", trim = true, secret = false } = rules;
  return z
    .string()
    .check((ctx) => {
      if (!isWellFormed(ctx.value))
        ctx.issues.push({ code: "custom", message: "must be well-formed Unicode (it contains a lone UTF-16 surrogate)", input: ctx.value, abort: true });
    })
    .overwrite((s) => (trim ? s.normalize("NFC").trim() : s.normalize("NFC")))
    .check((ctx) => {
      const problem = firstProblem(ctx.value, { multiline, format, controls, secret });
      if (problem) {
        ctx.issues.push({ code: "custom", message: problem, input: ctx.value, abort: true });
        return;
      }
      const length = codePointLength(ctx.value);
      if (length < min) ctx.issues.push({ code: "custom", message: min === 1 ? "must not be empty" : `must be at least ${min} characters`, input: ctx.value });
      if (length > max) ctx.issues.push({ code: "custom", message: `must be at most ${max} characters`, input: ctx.value });
    })
    .meta(min > 0 ? { minLength: min, maxLength: max } : { maxLength: max });
}

function firstProblem(s: string, r: Required<Pick<TextRules, "multiline" | "format" | "controls" | "secret">>): string | null {
  if (!SUSPECT.test(s)) return null; // the common case, in one native scan
  const found = (ch: string) => (r.secret ? "" : hex(ch));
  for (const ch of s) {
    if (r.controls === "refuse" && CONTROL.test(ch) && !(r.multiline && LINE_BREAKS.has(ch)))
      return `must not contain control characters${found(ch)}`;
    if (r.controls === "refuse" && !r.multiline && SEPARATORS.has(ch)) return `must not contain line separators${found(ch)}`;
    if (r.format !== "any" && FORMAT.test(ch) && !(r.format === "joiners" && JOINERS.has(ch)))
      return `must not contain invisible format characters${found(ch)}`;
  }
  return null;
}
