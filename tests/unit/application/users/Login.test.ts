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
    expect(session.expiresAt).toEqual(new Date(kit.clock.now().getTime() + kit.sessionPolicy.idleTimeoutMs));
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

  describe("session records", () => {
    const firefox = { userAgent: "Mozilla/5.0 Firefox/130.0", ip: "203.0.113.7" };

    it("records the session: user, version, times, trimmed user agent and IP", async () => {
      const kit = accountsKit();
      const { id } = await kit.registerUser.execute(ada);
      await kit.login.execute({ ...ada, userAgent: `  Mozilla/5.0\r\nX-Evil: 1 ${"x".repeat(400)}`, ip: "203.0.113.7" });
      const [record] = await kit.sessions.listByUser(id);
      const now = kit.clock.now().getTime();
      expect(record).toMatchObject({ userId: id, sessionVersion: 0, createdAt: new Date(now), lastSeenAt: new Date(now), ip: "203.0.113.7" });
      expect(record!.expiresAt).toEqual(new Date(now + kit.sessionPolicy.idleTimeoutMs));
      expect(record!.absoluteExpiresAt).toEqual(new Date(now + kit.sessionPolicy.absoluteLifetimeMs));
      expect(record!.userAgent).toMatch(/^Mozilla\/5\.0 X-Evil: 1 x+$/);
      expect([...record!.userAgent]).toHaveLength(256);
    });

    it("ends the oldest sessions beyond the cap", async () => {
      const kit = accountsKit({ sessionPolicy: { maxPerUser: 3 } });
      const { id } = await kit.registerUser.execute(ada);
      const tokens: string[] = [];
      for (let i = 0; i < 5; i++) {
        tokens.push((await kit.login.execute(ada)).session.token);
        kit.clock.advance(1_000);
      }
      expect(await kit.sessions.listByUser(id)).toHaveLength(3);
      const alive = await Promise.all(tokens.map((token) => kit.authenticate.execute({ token }).then(() => true, () => false)));
      expect(alive).toEqual([false, false, true, true, true]);
    });

    it("announces a sign-in from a new browser or IP once, through the outbox, and not from a known device", async () => {
      const kit = accountsKit();
      const { id } = await kit.registerUser.execute(ada);
      await kit.login.execute({ ...ada, ...firefox });
      await kit.login.execute({ ...ada, ...firefox });
      await kit.login.execute({ ...ada, ...firefox, ip: "198.51.100.9" });
      await kit.login.execute({ ...ada, userAgent: "curl/8.5.0", ip: "198.51.100.9" });
      await kit.flushEvents();
      const notices = kit.published.filter((m) => m.type === "user:new-sign-in");
      expect(notices.map((m) => m.data)).toEqual([
        expect.objectContaining({ userId: id, email: "ada@example.com", firstName: "Ada", ...firefox }),
        expect.objectContaining({ userAgent: firefox.userAgent, ip: "198.51.100.9" }),
        expect.objectContaining({ userAgent: "curl/8.5.0", ip: "198.51.100.9" }),
      ]);
    });

    it("does not announce a re-login from the browser whose session it replaces (rotation), but does for another user's", async () => {
      const kit = accountsKit();
      await kit.registerUser.execute(ada);
      const bob = { ...ada, email: "bob@example.com", firstName: "Bob" };
      await kit.registerUser.execute(bob);
      const first = await kit.login.execute({ ...ada, ...firefox });
      await kit.login.execute({ ...ada, ...firefox, previousToken: first.session.token });
      // Bob signs in on the browser Ada used: his first session there is new to him, whoever held it before.
      const adas = (await kit.login.execute({ ...ada, ...firefox })).session.token;
      await kit.login.execute({ ...bob, ...firefox, previousToken: adas });
      await kit.flushEvents();
      expect(kit.published.filter((m) => m.type === "user:new-sign-in").map((m) => (m.data as { email: string }).email)).toEqual([
        "ada@example.com",
        "bob@example.com",
      ]);
    });

    it("announces nothing when the notice is turned off", async () => {
      const kit = accountsKit({ sessionPolicy: { newSignInNotice: false } });
      await kit.registerUser.execute(ada);
      await kit.login.execute({ ...ada, ...firefox });
      await kit.flushEvents();
      expect(kit.published.map((m) => m.type)).toEqual(["user:signup"]);
    });

    it("still logs in and announces when a profile edit wins the race for the user's version", async () => {
      const kit = accountsKit();
      const { id } = await kit.registerUser.execute(ada);
      const update = kit.users.update.bind(kit.users);
      let raced = false;
      kit.users.update = async (user, outbox) => {
        if (!raced) {
          raced = true;
          await kit.editProfile.execute({ userId: id, changes: { about: "edited meanwhile" } });
        }
        return update(user, outbox);
      };
      await expect(kit.login.execute({ ...ada, ...firefox })).resolves.toBeDefined();
      await kit.flushEvents();
      expect(kit.published.filter((m) => m.type === "user:new-sign-in")).toHaveLength(1);
      expect((await kit.viewProfile.execute({ userId: id })).about).toBe("edited meanwhile");
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
