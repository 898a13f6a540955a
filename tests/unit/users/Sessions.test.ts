import { describe, expect, it } from "vitest";
import { InvalidToken } from "../../../src/application/ports/TokenService.js";
import { accountsKit, ada } from "../../support/accountsKit.js";

async function loggedIn() {
  const kit = accountsKit();
  await kit.registerUser.execute(ada);
  const { session } = await kit.login.execute(ada);
  return { kit, session };
}

describe("Logout and Authenticate", () => {
  it("a logged-out token stops authenticating at once", async () => {
    const { kit, session } = await loggedIn();
    await kit.logout.execute({ tokenId: session.tokenId, expiresAt: session.expiresAt });
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow("logged out");
  });

  it("logging out one session leaves the user's other sessions working", async () => {
    const { kit, session } = await loggedIn();
    const other = (await kit.login.execute(ada)).session;
    await kit.logout.execute({ tokenId: session.tokenId, expiresAt: session.expiresAt });
    await expect(kit.authenticate.execute({ token: other.token })).resolves.toMatchObject({ tokenId: other.tokenId });
  });

  it("rejects a token whose signature was tampered with", async () => {
    const { kit, session } = await loggedIn();
    const [h, p, s] = session.token.split(".");
    const tampered = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith("AA") ? "BB" : "AA"}`;
    await expect(kit.authenticate.execute({ token: tampered })).rejects.toBeInstanceOf(InvalidToken);
  });

  it("rejects a token for a user who no longer matches the session version", async () => {
    const { kit, session } = await loggedIn();
    const user = (await kit.users.findByEmail("ada@example.com"))!;
    user.changePassword(await kit.hasher.hash("another long password"), new Date());
    await kit.users.update(user);
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow("Session has ended");
  });
});
