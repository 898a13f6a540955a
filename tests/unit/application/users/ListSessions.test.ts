import { describe, expect, it } from "vitest";
import { UserNotFound } from "../../../../src/domain/users/UserErrors.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

describe("ListSessions", () => {
  it("lists the live sessions most recent first, flags the current one and shows no token", async () => {
    const kit = accountsKit();
    const { id } = await kit.registerUser.execute(ada);
    const laptop = await kit.login.execute({ ...ada, userAgent: "Firefox", ip: "203.0.113.7" });
    kit.clock.advance(1_000);
    await kit.login.execute({ ...ada, userAgent: "Safari", ip: "198.51.100.4" });
    const current = (await kit.authenticate.execute({ token: laptop.session.token })).sessionId;

    const { sessions } = await kit.listSessions.execute({ account: { userId: id }, currentSessionId: current });
    expect(sessions.map((s) => [s.userAgent, s.ip, s.current])).toEqual([
      ["Safari", "198.51.100.4", false],
      ["Firefox", "203.0.113.7", true],
    ]);
    expect(Object.keys(sessions[0]!).sort()).toEqual(["createdAt", "current", "expiresAt", "id", "ip", "lastSeenAt", "userAgent"]);
    expect(JSON.stringify(sessions)).not.toContain(laptop.session.token.split(".")[2]);
  });

  it("finds the account by email for operators, and refuses an unknown one", async () => {
    const kit = accountsKit();
    await kit.registerUser.execute(ada);
    await kit.login.execute(ada);
    expect((await kit.listSessions.execute({ account: { email: " ADA@example.com" } })).sessions).toHaveLength(1);
    await expect(kit.listSessions.execute({ account: { email: "nobody@example.com" } })).rejects.toBeInstanceOf(UserNotFound);
  });

  it("does not list sessions ended by a sessionVersion bump, even if their records are still stored", async () => {
    const kit = accountsKit();
    const { id } = await kit.registerUser.execute(ada);
    await kit.login.execute(ada);
    const user = (await kit.users.findById(id))!;
    user.changePassword(await kit.hasher.hash("another long password"), kit.clock.now());
    await kit.users.update(user);
    expect(await kit.sessions.listByUser(id)).toHaveLength(1);
    expect((await kit.listSessions.execute({ account: { userId: id } })).sessions).toEqual([]);
  });

  it("does not list expired sessions", async () => {
    const kit = accountsKit();
    const { id } = await kit.registerUser.execute(ada);
    await kit.login.execute(ada);
    kit.clock.advance(kit.sessionPolicy.idleTimeoutMs);
    expect((await kit.listSessions.execute({ account: { userId: id } })).sessions).toEqual([]);
  });
});
