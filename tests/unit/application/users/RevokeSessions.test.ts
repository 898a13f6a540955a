import { describe, expect, it } from "vitest";
import { UserNotFound } from "../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

const bob = { ...ada, email: "bob@example.com", firstName: "Bob" };

async function threeSessions() {
  const kit = accountsKit();
  const { id } = await kit.registerUser.execute(ada);
  await kit.registerUser.execute(bob);
  const tokens = [];
  for (let i = 0; i < 3; i++) tokens.push((await kit.login.execute(ada)).session.token);
  const bobs = (await kit.login.execute(bob)).session.token;
  const works = (token: string) => kit.authenticate.execute({ token }).then(() => true, () => false);
  return { kit, id, tokens, bobs, works };
}

describe("RevokeSessions", () => {
  it("ends every session but the one kept", async () => {
    const { kit, id, tokens, bobs, works } = await threeSessions();
    const keep = (await kit.authenticate.execute({ token: tokens[1]! })).sessionId;
    expect(await kit.revokeSessions.execute({ account: { userId: id }, keepSessionId: keep })).toEqual({ ended: 2 });
    expect(await Promise.all(tokens.map(works))).toEqual([false, true, false]);
    expect(await works(bobs)).toBe(true);
  });

  it("ends them all for an operator naming the account by email", async () => {
    const { kit, tokens, bobs, works } = await threeSessions();
    expect(await kit.revokeSessions.execute({ account: { email: "ada@example.com" } })).toEqual({ ended: 3 });
    expect(await Promise.all(tokens.map(works))).toEqual([false, false, false]);
    expect(await works(bobs)).toBe(true);
    await expect(kit.revokeSessions.execute({ account: { email: "nobody@example.com" } })).rejects.toBeInstanceOf(UserNotFound);
  });
});
