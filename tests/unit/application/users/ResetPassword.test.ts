import { describe, expect, it } from "vitest";
import { USER_PASSWORD_RESET } from "../../../../src/domain/users/UserEvents.js";
import { InvalidEmailedToken, WeakPassword } from "../../../../src/domain/users/UserErrors.js";
import { ada } from "../../../support/accountsKit.js";
import { recoveryKit } from "../../../support/recoveryKit.js";

describe("ResetPassword", () => {
  it("sets the password, ends every session, proves the address, cancels other links but the undo, and raises the notice", async () => {
    const kit = await recoveryKit();
    const { session } = await kit.login.execute({ email: ada.email, password: ada.password });
    const verify = await kit.issue("verify-email");
    const undo = await kit.issue("undo-email-change", "old@example.com");
    const token = await kit.issue("reset-password");

    await expect(kit.resetPassword.execute({ token, newPassword: "a fresh passphrase 99" })).resolves.toEqual({ email: "ada@example.com" });
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow();
    expect(await kit.sessions.listByUser(kit.user.id)).toEqual([]);
    await expect(kit.login.execute({ email: ada.email, password: "a fresh passphrase 99" })).resolves.toBeDefined();
    expect((await kit.users.findById(kit.user.id))!.emailVerifiedAt).not.toBeNull();
    expect(await kit.emailedTokens.peek("verify-email", verify)).toBeNull();
    expect(await kit.emailedTokens.peek("undo-email-change", undo)).not.toBeNull();
    await kit.flushEvents();
    expect(kit.published.filter((m) => m.type === USER_PASSWORD_RESET)).toHaveLength(1);
    await expect(kit.resetPassword.execute({ token, newPassword: "a fresh passphrase 98" })).rejects.toBeInstanceOf(InvalidEmailedToken);
  });

  it("a weak password is refused without using up the link", async () => {
    const kit = await recoveryKit();
    const token = await kit.issue("reset-password");
    await expect(kit.resetPassword.execute({ token, newPassword: "password" })).rejects.toBeInstanceOf(WeakPassword);
    await expect(kit.resetPassword.execute({ token, newPassword: "Ada Lovelace rocks 1" })).rejects.toBeInstanceOf(WeakPassword);
    await expect(kit.resetPassword.execute({ token, newPassword: "a fresh passphrase 99" })).resolves.toBeDefined();
  });

  it("refuses a link sent to an address the account no longer has", async () => {
    const kit = await recoveryKit();
    const token = await kit.issue("reset-password", "someone-else@example.com");
    await expect(kit.resetPassword.execute({ token, newPassword: "a fresh passphrase 99" })).rejects.toBeInstanceOf(InvalidEmailedToken);
  });
});
