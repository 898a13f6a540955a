import { describe, expect, it } from "vitest";
import { USER_EMAIL_CHANGE_REQUESTED, USER_EMAIL_CHANGED, USER_PASSWORD_RESET_REQUESTED } from "../../../../src/domain/users/UserEvents.js";
import { EmailTaken, EmailUnchanged, InvalidCredentials, InvalidEmailedToken, WrongPassword } from "../../../../src/domain/users/UserErrors.js";
import { ada } from "../../../support/accountsKit.js";
import { recoveryKit } from "../../../support/recoveryKit.js";

// RequestEmailChange, ConfirmEmailChange and UndoEmailChange: one flow, tested as one.
describe("RequestEmailChange", () => {
  it("needs the current password, a new and free address; holds it as pending and raises the confirmation event", async () => {
    const kit = await recoveryKit();
    await kit.registerUser.execute({ ...ada, email: "taken@example.com" });
    const ask = (newEmail: string, password = ada.password) => kit.requestEmailChange.execute({ userId: kit.user.id, newEmail, password });
    await expect(ask("new@example.com", "wrong password")).rejects.toBeInstanceOf(WrongPassword);
    await expect(ask("ADA@example.com")).rejects.toBeInstanceOf(EmailUnchanged);
    await expect(ask("taken@example.com")).rejects.toBeInstanceOf(EmailTaken);
    await ask("New@Example.com");
    const stored = (await kit.users.findById(kit.user.id))!;
    expect([stored.email, stored.pendingEmail]).toEqual(["ada@example.com", "new@example.com"]);
    await kit.flushEvents();
    expect(kit.published.find((m) => m.type === USER_EMAIL_CHANGE_REQUESTED)?.data).toMatchObject({ email: "ada@example.com", newEmail: "new@example.com" });
  });
});

describe("ConfirmEmailChange and UndoEmailChange", () => {
  async function changed() {
    const kit = await recoveryKit();
    await kit.requestEmailChange.execute({ userId: kit.user.id, newEmail: "new@example.com", password: ada.password });
    const confirm = await kit.issue("confirm-email-change", "new@example.com");
    return { kit, confirm };
  }

  it("confirm moves the account to the new, verified address and raises the notice for the old one", async () => {
    const { kit, confirm } = await changed();
    await expect(kit.confirmEmailChange.execute({ token: confirm })).resolves.toEqual({ email: "new@example.com" });
    const stored = (await kit.users.findById(kit.user.id))!;
    expect(stored.toState()).toMatchObject({ email: "new@example.com", pendingEmail: null, undoEmail: "ada@example.com" });
    expect(stored.emailVerifiedAt).not.toBeNull();
    await kit.flushEvents();
    expect(kit.published.find((m) => m.type === USER_EMAIL_CHANGED)?.data).toMatchObject({ email: "new@example.com", previousEmail: "ada@example.com" });
    await expect(kit.confirmEmailChange.execute({ token: confirm })).rejects.toBeInstanceOf(InvalidEmailedToken);
  });

  it("confirm refuses an address taken meanwhile, without using up the link, and a link for a replaced pending address", async () => {
    const { kit, confirm } = await changed();
    await kit.registerUser.execute({ ...ada, email: "new@example.com" });
    await expect(kit.confirmEmailChange.execute({ token: confirm })).rejects.toBeInstanceOf(EmailTaken);
    expect(await kit.emailedTokens.peek("confirm-email-change", confirm)).not.toBeNull();
    const stale = await kit.issue("confirm-email-change", "elsewhere@example.com");
    await expect(kit.confirmEmailChange.execute({ token: stale })).rejects.toBeInstanceOf(InvalidEmailedToken);
  });

  it("undo restores the old address, ends sessions, makes the password unusable and asks for a reset", async () => {
    const { kit, confirm } = await changed();
    await kit.confirmEmailChange.execute({ token: confirm });
    const { session } = await kit.login.execute({ email: "new@example.com", password: ada.password });
    const undo = await kit.issue("undo-email-change", "ada@example.com", { newEmail: "new@example.com" });
    await expect(kit.undoEmailChange.execute({ token: undo })).resolves.toEqual({ email: "ada@example.com" });
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow();
    await expect(kit.login.execute({ email: "ada@example.com", password: ada.password })).rejects.toBeInstanceOf(InvalidCredentials);
    expect((await kit.users.findByEmail("new@example.com"))).toBeNull();
    await kit.flushEvents();
    expect(kit.published.filter((m) => m.type === USER_PASSWORD_RESET_REQUESTED).map((m) => m.data)).toEqual([
      { userId: kit.user.id, email: "ada@example.com", firstName: "Ada" },
    ]);
  });

  it("a second change inside the undo window keeps the first address as the one the undo restores", async () => {
    const { kit, confirm } = await changed();
    await kit.confirmEmailChange.execute({ token: confirm });
    await kit.requestEmailChange.execute({ userId: kit.user.id, newEmail: "third@example.com", password: ada.password });
    await kit.confirmEmailChange.execute({ token: await kit.issue("confirm-email-change", "third@example.com") });
    await kit.flushEvents();
    expect(kit.published.filter((m) => m.type === USER_EMAIL_CHANGED).map((m) => (m.data as { previousEmail: string }).previousEmail)).toEqual([
      "ada@example.com",
      "ada@example.com",
    ]);
    const undo = await kit.issue("undo-email-change", "ada@example.com");
    await expect(kit.undoEmailChange.execute({ token: undo })).resolves.toEqual({ email: "ada@example.com" });
  });

  it("undo is refused once its window has closed", async () => {
    const { kit, confirm } = await changed();
    await kit.confirmEmailChange.execute({ token: confirm });
    const undo = await kit.issue("undo-email-change", "ada@example.com", undefined, 30 * 86_400_000);
    kit.clock.advance(8 * 86_400_000);
    await expect(kit.undoEmailChange.execute({ token: undo })).rejects.toBeInstanceOf(InvalidEmailedToken);
  });
});
