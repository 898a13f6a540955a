import { describe, expect, it } from "vitest";
import { USER_EMAIL_VERIFICATION_REQUESTED } from "../../../../src/domain/users/UserEvents.js";
import { recoveryKit } from "../../../support/recoveryKit.js";

describe("RequestEmailVerification", () => {
  it("raises one event per cooldown, and none once the address is verified", async () => {
    const kit = await recoveryKit();
    const requested = () => kit.published.filter((m) => m.type === USER_EMAIL_VERIFICATION_REQUESTED);
    await kit.requestEmailVerification.execute({ userId: kit.user.id });
    await kit.requestEmailVerification.execute({ userId: kit.user.id });
    await kit.flushEvents();
    expect(requested()).toHaveLength(1);
    expect(requested()[0]!.data).toMatchObject({ userId: kit.user.id, email: "ada@example.com", firstName: "Ada" });

    await kit.verifyEmail.execute({ token: await kit.issue("verify-email") });
    await kit.budgets.verification.cooldown.reset(`verify:${kit.user.id}`);
    await kit.requestEmailVerification.execute({ userId: kit.user.id });
    await kit.flushEvents();
    expect(requested()).toHaveLength(1);
  });
});
