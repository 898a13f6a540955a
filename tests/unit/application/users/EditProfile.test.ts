import { describe, expect, it } from "vitest";
import { UserModifiedConcurrently, UserNotFound } from "../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

describe("EditProfile", () => {
  it("applies only the given fields, clears fields set to null and moves updatedAt", async () => {
    const kit = accountsKit();
    const user = await kit.registerUser.execute(ada);
    kit.clock.advance(60_000);
    const edited = await kit.editProfile.execute({ userId: user.id, changes: { age: 36, skills: ["math"], lastName: null } });

    expect(edited).toMatchObject({ firstName: "Ada", lastName: null, age: 36, skills: ["math"] });
    expect(edited.updatedAt).not.toBe(user.updatedAt);
    await expect(kit.viewProfile.execute({ userId: user.id })).resolves.toEqual(edited);
  });

  it("does not undo a password change made between its read and its write", async () => {
    const kit = accountsKit();
    const user = await kit.registerUser.execute(ada);
    const realFind = kit.users.findById.bind(kit.users);
    let raced = false;
    kit.users.findById = async (id) => {
      const found = await realFind(id);
      if (!raced) {
        raced = true;
        await kit.changePassword.execute({ userId: id, oldPassword: ada.password, newPassword: "a brand new passphrase" });
      }
      return found;
    };

    await kit.editProfile.execute({ userId: user.id, changes: { about: "Poet of science" } });
    kit.users.findById = realFind;
    await expect(kit.login.execute({ email: ada.email, password: "a brand new passphrase" })).resolves.toBeDefined();
    await expect(kit.viewProfile.execute({ userId: user.id })).resolves.toMatchObject({ about: "Poet of science" });
  });

  it("reports a conflict if the user keeps changing under it", async () => {
    const kit = accountsKit();
    const user = await kit.registerUser.execute(ada);
    kit.users.update = async () => {
      throw new UserModifiedConcurrently();
    };
    await expect(kit.editProfile.execute({ userId: user.id, changes: { age: 40 } })).rejects.toBeInstanceOf(UserModifiedConcurrently);
  });

  it("says when the user does not exist", async () => {
    const kit = accountsKit();
    await expect(kit.editProfile.execute({ userId: "missing", changes: { age: 30 } })).rejects.toBeInstanceOf(UserNotFound);
  });
});
