import { describe, expect, it } from "vitest";
import { UserNotFound } from "../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

describe("ViewProfile", () => {
  it("shows the stored profile", async () => {
    const kit = accountsKit();
    const user = await kit.registerUser.execute(ada);
    await expect(kit.viewProfile.execute({ userId: user.id })).resolves.toEqual(user);
  });

  it("says when the user does not exist", async () => {
    const kit = accountsKit();
    await expect(kit.viewProfile.execute({ userId: "missing" })).rejects.toBeInstanceOf(UserNotFound);
  });
});
