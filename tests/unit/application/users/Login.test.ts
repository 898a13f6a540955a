import { describe, expect, it } from "vitest";
import { EmailNotVerified, InvalidCredentials } from "../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

describe("Login", () => {
  it("returns the public user and a token that authenticates as that user", async () => {
    const kit = accountsKit();
    const registered = await kit.registerUser.execute(ada);
    const { user, session } = await kit.login.execute({ email: "ada@example.com", password: ada.password });

    expect(user.id).toBe(registered.id);
    const verified = await kit.authenticate.execute({ token: session.token });
    expect(verified.userId).toBe(registered.id);
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("finds the account whatever the case and spacing of the email", async () => {
    const kit = accountsKit();
    await kit.registerUser.execute(ada);
    await expect(kit.login.execute({ email: "  ADA@EXAMPLE.COM ", password: ada.password })).resolves.toBeDefined();
  });

  it("gives the same error for an unknown email and a wrong password", async () => {
    const kit = accountsKit();
    await kit.registerUser.execute(ada);
    const wrongPassword = await kit.login.execute({ email: ada.email, password: "not the password" }).catch((e: unknown) => e);
    const unknownEmail = await kit.login.execute({ email: "nobody@example.com", password: ada.password }).catch((e: unknown) => e);

    expect(wrongPassword).toBeInstanceOf(InvalidCredentials);
    expect(unknownEmail).toBeInstanceOf(InvalidCredentials);
    expect((wrongPassword as Error).message).toBe((unknownEmail as Error).message);
  });

  it("still runs one bcrypt comparison for an unknown email", async () => {
    const kit = accountsKit();
    let comparisons = 0;
    const verify = kit.hasher.verify.bind(kit.hasher);
    kit.hasher.verify = async (p, h) => {
      comparisons++;
      return verify(p, h);
    };
    await kit.login.execute({ email: "nobody@example.com", password: "whatever-password" }).catch(() => undefined);
    expect(comparisons).toBe(1);
  });

  it("refuses an account pending deletion with the right password, as for a wrong one, after one bcrypt comparison", async () => {
    const kit = accountsKit();
    const user = await kit.registerUser.execute(ada);
    await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
    let comparisons = 0;
    const verify = kit.hasher.verify.bind(kit.hasher);
    kit.hasher.verify = async (p, h) => {
      comparisons++;
      return verify(p, h);
    };
    const refused = await kit.login.execute({ email: ada.email, password: ada.password }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidCredentials);
    expect(comparisons).toBe(1);
  });

  it("does not let two passwords sharing their first 72 bytes both log in", async () => {
    const kit = accountsKit();
    const prefix = "a".repeat(72);
    await kit.registerUser.execute({ ...ada, password: `${prefix}-right` });
    await expect(kit.login.execute({ email: ada.email, password: `${prefix}-wrong` })).rejects.toBeInstanceOf(InvalidCredentials);
    await expect(kit.login.execute({ email: ada.email, password: `${prefix}-right` })).resolves.toBeDefined();
  });

  it("treats NFC and NFD spellings of a password as the same password", async () => {
    const kit = accountsKit();
    await kit.registerUser.execute({ ...ada, password: "caf\u00e9 au lait s'il vous plait" });
    await expect(kit.login.execute({ email: ada.email, password: "cafe\u0301 au lait s'il vous plait" })).resolves.toBeDefined();
  });

  describe("with the session the client already holds", () => {
    const bob = { ...ada, email: "bob@example.com", firstName: "Bob" };
    const sessionOf = async (kit: ReturnType<typeof accountsKit>, who: typeof ada) =>
      (await kit.login.execute({ email: who.email, password: who.password })).session.token;
    const works = (kit: ReturnType<typeof accountsKit>, token: string) => kit.authenticate.execute({ token }).then(() => true, () => false);

    it("ends the older session of the same user; the new one works", async () => {
      const kit = accountsKit();
      await kit.registerUser.execute(ada);
      const older = await sessionOf(kit, ada);
      const { session } = await kit.login.execute({ email: ada.email, password: ada.password, previousToken: older });
      expect(await works(kit, older)).toBe(false);
      expect(await works(kit, session.token)).toBe(true);
    });

    it("ends another user's session too: the client is replacing the session it holds", async () => {
      const kit = accountsKit();
      await kit.registerUser.execute(ada);
      await kit.registerUser.execute(bob);
      const bobs = await sessionOf(kit, bob);
      await kit.login.execute({ email: ada.email, password: ada.password, previousToken: bobs });
      expect(await works(kit, bobs)).toBe(false);
    });

    it("leaves it alone when the login fails, and ignores a token that is not a valid session", async () => {
      const kit = accountsKit();
      await kit.registerUser.execute(ada);
      const older = await sessionOf(kit, ada);
      await expect(kit.login.execute({ email: ada.email, password: "not the password", previousToken: older })).rejects.toBeInstanceOf(InvalidCredentials);
      expect(await works(kit, older)).toBe(true);
      await expect(kit.login.execute({ email: ada.email, password: ada.password, previousToken: "not-a-jwt" })).resolves.toBeDefined();
    });
  });
});

describe("Login with REQUIRE_VERIFIED_EMAIL", () => {
  it("refuses an unverified address only after the password matched", async () => {
    const kit = accountsKit({ recovery: { requireVerifiedEmail: true } });
    const user = await kit.registerUser.execute(ada);
    await expect(kit.login.execute({ email: ada.email, password: "not the password" })).rejects.toBeInstanceOf(InvalidCredentials);
    await expect(kit.login.execute({ email: ada.email, password: ada.password })).rejects.toBeInstanceOf(EmailNotVerified);
    const token = await kit.emailedTokens.issue({ purpose: "verify-email", userId: user.id, email: user.email, expiresAt: new Date(kit.clock.now().getTime() + 60_000) });
    await kit.verifyEmail.execute({ token });
    await expect(kit.login.execute({ email: ada.email, password: ada.password })).resolves.toBeDefined();
  });
});
