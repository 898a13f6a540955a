import { describe, expect, it } from "vitest";
import { InvalidCredentials, WeakPassword, WrongPassword } from "../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

const NEW = "a completely different passphrase";

async function setup() {
  const kit = accountsKit();
  const user = await kit.registerUser.execute(ada);
  const first = (await kit.login.execute(ada)).session;
  const second = (await kit.login.execute(ada)).session;
  return { kit, user, first, second };
}

describe("ChangePassword", () => {
  it("stores the new password: the new one logs in, the old one does not", async () => {
    const { kit, user } = await setup();
    await kit.changePassword.execute({ userId: user.id, oldPassword: ada.password, newPassword: NEW });
    await expect(kit.login.execute({ email: ada.email, password: NEW })).resolves.toBeDefined();
    await expect(kit.login.execute(ada)).rejects.toBeInstanceOf(InvalidCredentials);
  });

  it("ends every earlier session and returns a fresh one that works", async () => {
    const { kit, user, first, second } = await setup();
    const { session } = await kit.changePassword.execute({ userId: user.id, oldPassword: ada.password, newPassword: NEW });
    await expect(kit.authenticate.execute({ token: first.token })).rejects.toThrow("Session has ended");
    await expect(kit.authenticate.execute({ token: second.token })).rejects.toThrow("Session has ended");
    await expect(kit.authenticate.execute({ token: session.token })).resolves.toMatchObject({ userId: user.id });
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const { kit, user, first } = await setup();
    await expect(kit.changePassword.execute({ userId: user.id, oldPassword: "wrong password!", newPassword: NEW })).rejects.toBeInstanceOf(WrongPassword);
    await expect(kit.authenticate.execute({ token: first.token })).resolves.toBeDefined();
    await expect(kit.login.execute(ada)).resolves.toBeDefined();
  });

  it.each([
    ["too short", "short"],
    ["common", "iloveyou123"],
    ["unchanged", ada.password],
    ["containing the stored first name", "ada forever and ever"],
    ["containing the stored last name", "countess lovelace 1815"],
    ["containing the email's local part", "xADAx the countess"],
    ["containing the site's name", "bazaar forever and ever"],
  ])("refuses a %s new password", async (_label, newPassword) => {
    const { kit, user } = await setup();
    await expect(kit.changePassword.execute({ userId: user.id, oldPassword: ada.password, newPassword })).rejects.toBeInstanceOf(WeakPassword);
  });

  it("publishes user:password-changed", async () => {
    const { kit, user } = await setup();
    await kit.changePassword.execute({ userId: user.id, oldPassword: ada.password, newPassword: NEW });
    await kit.flushEvents();
    const changes = kit.published.filter((m) => m.type === "user:password-changed");
    expect(changes.map((m) => m.data)).toEqual([{ userId: user.id, email: "ada@example.com", firstName: "Ada" }]);
  });

  it("the fresh session has a record of its own, with the device that made the change; the old records are gone", async () => {
    const { kit, user } = await setup();
    await kit.changePassword.execute({ userId: user.id, oldPassword: ada.password, newPassword: NEW, userAgent: "Safari", ip: "198.51.100.4" });
    const records = await kit.sessions.listByUser(user.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ sessionVersion: 1, userAgent: "Safari", ip: "198.51.100.4" });
    const listed = await kit.listSessions.execute({ account: { userId: user.id } });
    expect(listed.sessions.map((s) => s.id)).toEqual([records[0]!.id]);
  });
});
