import { describe, expect, it } from "vitest";
import { SessionNotFound } from "../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

const bob = { ...ada, email: "bob@example.com", firstName: "Bob" };

describe("EndSession", () => {
  it("ends one of the caller's sessions: its token stops working, the others keep going", async () => {
    const kit = accountsKit();
    const { id } = await kit.registerUser.execute(ada);
    const phone = (await kit.login.execute(ada)).session;
    const laptop = (await kit.login.execute(ada)).session;
    const phoneId = (await kit.authenticate.execute({ token: phone.token })).sessionId;
    await kit.endSession.execute({ userId: id, sessionId: phoneId });
    await expect(kit.authenticate.execute({ token: phone.token })).rejects.toThrow("Session has ended");
    await expect(kit.authenticate.execute({ token: laptop.token })).resolves.toMatchObject({ userId: id });
  });

  it("answers not found for another user's session, and leaves it alone", async () => {
    const kit = accountsKit();
    const { id } = await kit.registerUser.execute(ada);
    await kit.registerUser.execute(bob);
    const bobs = (await kit.login.execute(bob)).session;
    const bobsId = (await kit.authenticate.execute({ token: bobs.token })).sessionId;
    await expect(kit.endSession.execute({ userId: id, sessionId: bobsId })).rejects.toBeInstanceOf(SessionNotFound);
    await expect(kit.authenticate.execute({ token: bobs.token })).resolves.toBeDefined();
  });

  it("answers not found for an unknown or already ended session", async () => {
    const kit = accountsKit();
    const { id } = await kit.registerUser.execute(ada);
    const session = (await kit.login.execute(ada)).session;
    const sessionId = (await kit.authenticate.execute({ token: session.token })).sessionId;
    await expect(kit.endSession.execute({ userId: id, sessionId: "no-such-session" })).rejects.toBeInstanceOf(SessionNotFound);
    await kit.endSession.execute({ userId: id, sessionId });
    await expect(kit.endSession.execute({ userId: id, sessionId })).rejects.toBeInstanceOf(SessionNotFound);
  });
});
