import { describe, expect, it } from "vitest";
import { accountsKit, ada } from "../../../support/accountsKit.js";

async function loggedIn() {
  const kit = accountsKit();
  const { id } = await kit.registerUser.execute(ada);
  const { session } = await kit.login.execute(ada);
  return { kit, session, userId: id };
}

describe("Logout", () => {
  it("a logged-out token stops authenticating at once, and its session record is gone", async () => {
    const { kit, session, userId } = await loggedIn();
    await kit.logout.execute({ token: session.token });
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow("Session has ended");
    expect(await kit.sessions.listByUser(userId)).toEqual([]);
  });

  it("logging out one session leaves the user's other sessions working", async () => {
    const { kit, session, userId } = await loggedIn();
    const other = (await kit.login.execute(ada)).session;
    await kit.logout.execute({ token: session.token });
    await expect(kit.authenticate.execute({ token: other.token })).resolves.toMatchObject({ userId });
  });

  it("succeeds without a token or with one that is not ours, ending nothing", async () => {
    const { kit, session, userId } = await loggedIn();
    await expect(kit.logout.execute({ token: null })).resolves.toBeUndefined();
    await expect(kit.logout.execute({ token: "not.a.token" })).resolves.toBeUndefined();
    await expect(kit.authenticate.execute({ token: session.token })).resolves.toMatchObject({ userId });
  });

  it("reports a session it could not end instead of pretending it did", async () => {
    const { kit, session } = await loggedIn();
    kit.sessions.end = () => Promise.reject(new Error("store down"));
    await expect(kit.logout.execute({ token: session.token })).rejects.toThrow("store down");
  });
});
