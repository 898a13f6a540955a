import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../../../../src/application/users/deletion/AccountDeletionPolicy.js";
import { InvalidEmailedToken } from "../../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../../support/accountsKit.js";

/** A deleted account and the restore token the worker would have mailed (issued here as the handler does). */
async function deleted() {
  const kit = accountsKit();
  const user = await kit.registerUser.execute(ada);
  const { eraseAfter } = await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
  const token = await kit.emailedTokens.issue({ purpose: "restore-account", userId: user.id, email: user.email, expiresAt: eraseAfter });
  return { kit, user, token };
}

describe("RestoreAccount", () => {
  it("re-enables the account: the owner logs in again", async () => {
    const { kit, user, token } = await deleted();
    await kit.restoreAccount.execute({ token });
    const stored = (await kit.users.findById(user.id))!;
    expect(stored.disabled).toBe(false);
    expect(stored.deletion).toBeNull();
    await expect(kit.login.execute({ email: ada.email, password: ada.password })).resolves.toBeDefined();
  });

  it("takes the account out of the erasure queue", async () => {
    const { kit, token } = await deleted();
    await kit.restoreAccount.execute({ token });
    kit.clock.advance(15 * DAY_MS);
    expect(await kit.users.findDueForErasure(kit.clock.now(), 10)).toEqual([]);
  });

  it("works once: a used token is INVALID_TOKEN", async () => {
    const { kit, token } = await deleted();
    await kit.restoreAccount.execute({ token });
    await expect(kit.restoreAccount.execute({ token })).rejects.toBeInstanceOf(InvalidEmailedToken);
  });

  it("refuses unknown, malformed, expired and other-purpose tokens with the same INVALID_TOKEN", async () => {
    const { kit, user, token } = await deleted();
    const other = await kit.emailedTokens.issue({ purpose: "reset-password", userId: user.id, email: user.email, expiresAt: new Date(kit.clock.now().getTime() + DAY_MS) });
    for (const bad of ["A".repeat(43), "not a token", other])
      await expect(kit.restoreAccount.execute({ token: bad }), bad).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    kit.clock.advance(14 * DAY_MS + 1);
    await expect(kit.restoreAccount.execute({ token })).rejects.toBeInstanceOf(InvalidEmailedToken);
    expect((await kit.users.findById(user.id))!.disabled).toBe(true);
  });

  it("refuses a token whose account is no longer pending deletion", async () => {
    const { kit, user, token } = await deleted();
    const stored = (await kit.users.findById(user.id))!;
    stored.cancelDeletion(kit.clock.now());
    await kit.users.update(stored);
    await expect(kit.restoreAccount.execute({ token })).rejects.toBeInstanceOf(InvalidEmailedToken);
  });
});
