import { describe, expect, it } from "vitest";
import { USER_PASSWORD_RESET_REQUESTED } from "../../../../src/domain/users/UserEvents.js";
import { recoveryKit } from "../../../support/recoveryKit.js";

describe("RequestPasswordReset", () => {
  it("publishes exactly one event per request, known address or not: the account only when known and within budget", async () => {
    const kit = await recoveryKit();
    await kit.requestPasswordReset.execute({ email: " ADA@example.com " });
    await kit.requestPasswordReset.execute({ email: "nobody@example.com" });
    await kit.requestPasswordReset.execute({ email: "ada@example.com" }); // in the cooldown
    await kit.flushEvents();
    const events = kit.published.filter((m) => m.type === USER_PASSWORD_RESET_REQUESTED);
    expect(events.map((e) => e.data)).toEqual([{ userId: kit.user.id, email: "ada@example.com", firstName: "Ada" }, { userId: null }, { userId: null }]);
  });

  it("keys the budget on the normalised address, account or not", async () => {
    const kit = await recoveryKit();
    await kit.requestPasswordReset.execute({ email: "nobody@example.com" });
    expect((await kit.budgets.passwordReset.cooldown.consume("reset:nobody@example.com")).retryAfterMs).toBeGreaterThan(0);
  });
});
