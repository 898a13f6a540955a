import { describe, expect, it } from "vitest";
import { EmailTaken, InvalidEmail, WeakPassword } from "../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

describe("RegisterUser", () => {
  it("stores the user under the normalised email with a bcrypt hash, and returns no secret", async () => {
    const kit = accountsKit();
    const user = await kit.registerUser.execute({ ...ada, email: "  ADA@Example.COM " });

    expect(user).toMatchObject({ email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", skills: [] });
    expect(JSON.stringify(user)).not.toContain("$2b$");
    const stored = await kit.users.findByEmail("ada@example.com");
    expect(stored?.passwordHash).toMatch(/^\$2b\$04\$/);
    expect(await kit.hasher.verify(ada.password, stored!.passwordHash)).toBe(true);
  });

  it("normalises Unicode to NFC so visually equal emails are one account", async () => {
    const kit = accountsKit();
    await kit.registerUser.execute({ ...ada, email: "jose\u0301@example.com" });
    await expect(kit.registerUser.execute({ ...ada, email: "jos\u00e9@example.com" })).rejects.toBeInstanceOf(EmailTaken);
  });

  it("refuses a taken email, whatever its case", async () => {
    const kit = accountsKit();
    await kit.registerUser.execute(ada);
    await expect(kit.registerUser.execute({ ...ada, email: "ADA@example.com" })).rejects.toBeInstanceOf(EmailTaken);
  });

  it.each([
    ["too short", "short1!"],
    ["too long", "x".repeat(129)],
    ["very common", "password123"],
    ["common in another case", "Password123"],
  ])("refuses a %s password", async (_label, password) => {
    const kit = accountsKit();
    await expect(kit.registerUser.execute({ ...ada, password })).rejects.toBeInstanceOf(WeakPassword);
    expect(await kit.users.findByEmail("ada@example.com")).toBeNull();
  });

  it.each([
    ["the email's local part", "my ADA passphrase"],
    ["the first name", "adalovelace rocks"],
    ["the last name, in another case and Unicode form", "i am LOVELACE 1815"],
    ["the site's name", "my Bazaar password"],
  ])("refuses a password containing %s", async (_label, password) => {
    const kit = accountsKit();
    await expect(kit.registerUser.execute({ ...ada, password })).rejects.toThrow(WeakPassword);
    expect(await kit.users.findByEmail("ada@example.com")).toBeNull();
  });

  it("ignores personal words shorter than 3 characters", async () => {
    const kit = accountsKit();
    await expect(kit.registerUser.execute({ ...ada, email: "al@example.com", firstName: "Al", lastName: "Wu", password: "al wu rides again" })).resolves.toBeDefined();
  });

  it("refuses a password with a lone surrogate, so \\ud800 and \\udfff cannot be one password", async () => {
    const kit = accountsKit();
    await expect(kit.registerUser.execute({ ...ada, password: "passphrase \ud800" })).rejects.toThrow("well-formed");
  });

  it("accepts a 64-character passphrase and counts characters, not bytes", async () => {
    const kit = accountsKit();
    await expect(kit.registerUser.execute({ ...ada, password: "é".repeat(64) })).resolves.toBeDefined();
    await expect(kit.registerUser.execute({ ...ada, email: "b@example.com", password: "🔑".repeat(8) })).resolves.toBeDefined();
  });

  it("refuses an invalid email", async () => {
    const kit = accountsKit();
    await expect(kit.registerUser.execute({ ...ada, email: "not-an-email" })).rejects.toBeInstanceOf(InvalidEmail);
  });

  it("publishes one user:signup event after the user is stored", async () => {
    const kit = accountsKit();
    const user = await kit.registerUser.execute(ada);
    await kit.flushEvents();
    expect(kit.published).toEqual([
      expect.objectContaining({ type: "user:signup", schemaVersion: 1, data: { userId: user.id, email: "ada@example.com", firstName: "Ada" } }),
    ]);
    expect(kit.published[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
