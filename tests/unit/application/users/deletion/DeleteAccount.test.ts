import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../../../../src/application/users/deletion/AccountDeletionPolicy.js";
import { InvalidToken } from "../../../../../src/application/ports/TokenService.js";
import { InvalidCredentials, UserNotFound, WrongPassword } from "../../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../../support/accountsKit.js";

async function loggedIn() {
  const kit = accountsKit();
  const user = await kit.registerUser.execute(ada);
  const { session } = await kit.login.execute({ email: ada.email, password: ada.password });
  return { kit, user, session };
}

describe("DeleteAccount", () => {
  it("disables the account at once and schedules its erasure after the 14-day grace period", async () => {
    const { kit, user } = await loggedIn();
    const { eraseAfter } = await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
    expect(eraseAfter).toEqual(new Date(kit.clock.now().getTime() + 14 * DAY_MS));
    const stored = (await kit.users.findById(user.id))!;
    expect(stored.disabled).toBe(true);
    expect(stored.deletion).toEqual({ requestedAt: kit.clock.now(), eraseAfter });
  });

  it("ends every session", async () => {
    const { kit, user, session } = await loggedIn();
    await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toBeInstanceOf(InvalidToken);
    // The records go too, not only their validity: nothing is left to list or to revoke later.
    expect(await kit.sessions.listByUser(user.id)).toEqual([]);
  });

  it("makes login answer exactly as for a wrong password", async () => {
    const { kit, user } = await loggedIn();
    await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
    const right = await kit.login.execute({ email: ada.email, password: ada.password }).catch((e: unknown) => e);
    const wrong = await kit.login.execute({ email: ada.email, password: "not the password" }).catch((e: unknown) => e);
    expect(right).toBeInstanceOf(InvalidCredentials);
    expect((right as Error).message).toBe((wrong as Error).message);
  });

  it("publishes user:deletion-requested through the outbox, with the due date and no token", async () => {
    const { kit, user } = await loggedIn();
    const { eraseAfter } = await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
    await kit.flushEvents();
    const event = kit.published.find((m) => m.type === "user:deletion-requested")!;
    expect(event.data).toEqual({ userId: user.id, email: "ada@example.com", firstName: "Ada", eraseAfter: eraseAfter.toISOString() });
  });

  it("refuses a wrong password and changes nothing", async () => {
    const { kit, user, session } = await loggedIn();
    await expect(kit.deleteAccount.execute({ userId: user.id, password: "not the password" })).rejects.toBeInstanceOf(WrongPassword);
    expect((await kit.users.findById(user.id))!.disabled).toBe(false);
    await expect(kit.authenticate.execute({ token: session.token })).resolves.toBeDefined();
  });

  it("answers UserNotFound for an unknown user", async () => {
    const kit = accountsKit();
    await expect(kit.deleteAccount.execute({ userId: "nope", password: ada.password })).rejects.toBeInstanceOf(UserNotFound);
  });

  it("does not move the due date when asked again", async () => {
    const { kit, user } = await loggedIn();
    const first = await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
    kit.clock.advance(DAY_MS);
    const again = await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
    expect(again.eraseAfter).toEqual(first.eraseAfter);
  });
});
