import { describe, expect, it } from "vitest";
import { InvalidEmailedToken } from "../../../../src/domain/users/UserErrors.js";
import { recoveryKit } from "../../../support/recoveryKit.js";

describe("VerifyEmail", () => {
  it("marks the address verified, once", async () => {
    const kit = await recoveryKit();
    const token = await kit.issue("verify-email");
    await expect(kit.verifyEmail.execute({ token })).resolves.toEqual({ email: "ada@example.com" });
    expect((await kit.users.findById(kit.user.id))!.emailVerifiedAt).toEqual(kit.clock.now());
    await expect(kit.verifyEmail.execute({ token })).rejects.toBeInstanceOf(InvalidEmailedToken);
  });

  it("refuses expired, other-purpose tokens and links sent to an address the account no longer has", async () => {
    const kit = await recoveryKit();
    const expiring = await kit.issue("verify-email", undefined, undefined, 1_000);
    kit.clock.advance(2_000);
    await expect(kit.verifyEmail.execute({ token: expiring })).rejects.toBeInstanceOf(InvalidEmailedToken);
    await expect(kit.verifyEmail.execute({ token: await kit.issue("reset-password") })).rejects.toBeInstanceOf(InvalidEmailedToken);
    await expect(kit.verifyEmail.execute({ token: await kit.issue("verify-email", "old@example.com") })).rejects.toBeInstanceOf(InvalidEmailedToken);
    expect((await kit.users.findById(kit.user.id))!.emailVerifiedAt).toBeNull();
  });
});
