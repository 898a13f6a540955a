import { describe, expect, it } from "vitest";
import { accountsKit, ada } from "../../../support/accountsKit.js";

async function loggedIn() {
  const kit = accountsKit();
  await kit.registerUser.execute(ada);
  const { session } = await kit.login.execute(ada);
  return { kit, session };
}

describe("Logout", () => {
  it("a logged-out token stops authenticating at once", async () => {
    const { kit, session } = await loggedIn();
    await kit.logout.execute({ token: session.token });
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow("logged out");
  });

  it("logging out one session leaves the user's other sessions working", async () => {
    const { kit, session } = await loggedIn();
    const other = (await kit.login.execute(ada)).session;
    await kit.logout.execute({ token: session.token });
    await expect(kit.authenticate.execute({ token: other.token })).resolves.toMatchObject({ tokenId: other.tokenId });
  });

  it("succeeds without a token or with one that is not ours, revoking nothing", async () => {
    const { kit, session } = await loggedIn();
    await expect(kit.logout.execute({ token: null })).resolves.toBeUndefined();
    await expect(kit.logout.execute({ token: "not.a.token" })).resolves.toBeUndefined();
    await expect(kit.authenticate.execute({ token: session.token })).resolves.toMatchObject({ tokenId: session.tokenId });
  });

  it("reports a revocation it could not record instead of pretending the session ended", async () => {
    const { kit, session } = await loggedIn();
    kit.revocations.revoke = () => Promise.reject(new Error("store down"));
    await expect(kit.logout.execute({ token: session.token })).rejects.toThrow("store down");
  });
});
