import { describe, expect, it } from "vitest";
import { Email } from "../../../../src/domain/users/Email.js";
import { InvalidEmail } from "../../../../src/domain/users/UserErrors.js";

describe("Email", () => {
  it.each([
    ["  Ada@Example.COM ", "ada@example.com"],
    ["rene\u0301@example.com", "ren\u00e9@example.com"],
    ["first.last+tag@mail.example.co.uk", "first.last+tag@mail.example.co.uk"],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ["x!#$%&*/=?^_`{|}~-@example.com", "x!#$%&*/=?^_`{|}~-@example.com"],
    ["ada@xn--bcher-kva.example", "ada@xn--bcher-kva.example"],
    ["ada@example.xn--p1ai", "ada@example.xn--p1ai"],
    ["用户@example.com", "用户@example.com"],
  ])("accepts %j as %j", (raw, canonical) => {
    expect(Email.parse(raw).value).toBe(canonical);
    expect(Email.normalise(raw)).toBe(canonical);
  });

  it.each([
    ["a NUL", "ada\u0000@example.com"],
    ["an escape", "ada\u001b@example.com"],
    ["a zero-width space", "ada\u200b@example.com"],
    ["a bidi override", "ada\u202e@example.com"],
    ["a BOM inside", "ada\ufeff@example.com"],
    ["a lone surrogate", "ada\ud800@example.com"],
    ["an inner space", "ada lovelace@example.com"],
    ["no @", "no-at-sign"],
    ["an empty local part", "@example.com"],
    ["two @", "a@b@example.com"],
    ["a leading dot", ".ada@example.com"],
    ["a trailing dot", "ada.@example.com"],
    ["consecutive dots", "ada..lovelace@example.com"],
    ["a quoted local part", '"ada"@example.com'],
    ["a 65-byte local part", `${"a".repeat(65)}@example.com`],
    ["a 33-character local part of 2-byte letters", `${"é".repeat(33)}@example.com`],
    ["a single-label domain", "ada@localhost"],
    ["an IP literal", "ada@[127.0.0.1]"],
    ["a dotted IP", "ada@127.0.0.1"],
    ["a numeric TLD", "ada@example.123"],
    ["a label starting with a hyphen", "ada@-example.com"],
    ["a label ending with a hyphen", "ada@example-.com"],
    ["a 64-character label", `ada@${"a".repeat(64)}.com`],
    ["an empty label", "ada@example..com"],
    ["a trailing dot in the domain", "ada@example.com."],
    ["an underscore in the domain", "ada@ex_ample.com"],
    ["a Unicode domain (must arrive as punycode)", "ada@bücher.example"],
    ["a domain over 253 characters", `ada@${Array.from({ length: 5 }, () => "a".repeat(60)).join(".")}.com`],
  ])("refuses %s", (_label, raw) => {
    expect(() => Email.parse(raw)).toThrow(InvalidEmail);
  });

  it("accepts a 64-byte local part and a 63-character label", () => {
    expect(() => Email.parse(`${"a".repeat(64)}@${"b".repeat(63)}.com`)).not.toThrow();
  });

  it("normalise gives the very form parse stores, so lookups and throttle keys match storage", () => {
    for (const raw of ["Ada@Example.com", "  JOSE\u0301@example.com", "\u0130stanbul@example.com"]) {
      expect(Email.normalise(raw)).toBe(Email.parse(raw).value);
      expect(Email.parse(raw).value).toBe(Email.parse(raw).value.normalize("NFC"));
    }
  });
});
