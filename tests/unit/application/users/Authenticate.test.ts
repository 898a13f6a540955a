import { describe, expect, it } from "vitest";
import { InvalidToken } from "../../../../src/application/ports/TokenService.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

async function loggedIn() {
  const kit = accountsKit();
  await kit.registerUser.execute(ada);
  const { session } = await kit.login.execute(ada);
  return { kit, session };
}

describe("Authenticate", () => {
  it("accepts a live session token", async () => {
    const { kit, session } = await loggedIn();
    await expect(kit.authenticate.execute({ token: session.token })).resolves.toMatchObject({ tokenId: session.tokenId });
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
