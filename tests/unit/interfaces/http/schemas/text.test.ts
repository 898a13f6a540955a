import { describe, expect, it } from "vitest";
import { z } from "zod";
import { text } from "../../../../../src/interfaces/http/schemas/text.js";

const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe("text()", () => {
  const name = text({ min: 1, max: 5 });

  it.each([
    ["a lone high surrogate", "Ada\ud800"],
    ["a lone low surrogate", "\udfffAda"],
    ["a reversed pair", "\udc00\ud800"],
  ])("refuses %s as ill-formed Unicode", (_label, value) => {
    expect(messages(name, value)).toEqual([expect.stringContaining("well-formed Unicode")]);
  });

  it("accepts a valid surrogate pair as one character", () => {
    expect(name.parse("🔑🔑🔑🔑🔑")).toBe("🔑🔑🔑🔑🔑");
  });

  it("normalises to NFC and counts code points after normalisation", () => {
    const nfd = "e\u0301".repeat(5); // 10 code units, 5 characters once composed
    expect(name.parse(nfd)).toBe("\u00e9".repeat(5));
    expect(messages(name, "e\u0301".repeat(6))).toEqual(["must be at most 5 characters"]);
  });

  it("trims, and counts what is left", () => {
    expect(name.parse("  Ada  ")).toBe("Ada");
    expect(messages(name, "   ")).toEqual(["must not be empty"]);
  });

  it.each(["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f", "\n", "\t", "\r", "\u2028"])("refuses U+%s in a single-line field", (ch) => {
    expect(messages(name, `a${ch}b`)).toEqual([expect.stringMatching(/control characters|line separators/)]);
  });

  it("allows line breaks and tabs, and only those, in a multi-line field", () => {
    const about = text({ max: 100, multiline: true });
    expect(about.parse("one\r\ntwo\tthree")).toBe("one\r\ntwo\tthree");
    expect(messages(about, "one\u0000two")).toEqual(["must not contain control characters (found U+0000)"]);
    expect(messages(about, "one\u0085two")).toEqual(["must not contain control characters (found U+0085)"]);
  });

  it.each(["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u2060", "\u{e0041}"])("refuses the format character %j by default", (ch) => {
    expect(messages(name, `a${ch}b`)).toEqual([expect.stringContaining("invisible format characters")]);
  });

  it("keeps joiners and directional marks where asked, but still refuses overrides and zero-width spaces", () => {
    const about = text({ max: 100, format: "joiners" });
    expect(about.parse("👩\u200d💻 می\u200cخواهم \u200f")).toBe("👩\u200d💻 می\u200cخواهم \u200f".trim());
    expect(messages(about, "abc\u202edef")).toEqual([expect.stringContaining("U+202E")]);
    expect(messages(about, "abc\u200bdef")).toEqual([expect.stringContaining("U+200B")]);
  });

  it("for secrets, keeps every well-formed character and all white space", () => {
    const secret = text({ max: 100, trim: false, format: "any", controls: "any" });
    expect(secret.parse(" pass\u0000\u200bword ")).toBe(" pass\u0000\u200bword ");
    expect(messages(secret, "pass\ud800word")).toEqual([expect.stringContaining("well-formed")]);
  });

  it("never names a character of a secret in its messages", () => {
    const newPassword = text({ max: 100, trim: false, format: "any", secret: true });
    expect(messages(newPassword, "pass\u0007word")).toEqual(["must not contain control characters"]);
  });

  it("reports the field by name inside an object", () => {
    const result = z.strictObject({ firstName: name }).safeParse({ firstName: "A\u0000" });
    expect(result.error?.issues[0]?.path).toEqual(["firstName"]);
  });
});
