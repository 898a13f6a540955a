import { describe, expect, it } from "vitest";
import { InvalidToken } from "../../../../src/application/ports/TokenService.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

async function loggedIn(kit = accountsKit()) {
  const registered = await kit.registerUser.execute(ada);
  const { session } = await kit.login.execute({ ...ada, userAgent: "Firefox", ip: "203.0.113.7" });
  const [record] = await kit.sessions.listByUser(registered.id);
  return { kit, session, userId: registered.id, record: record! };
}

describe("Authenticate", () => {
  it("accepts a live session token and names its user and session", async () => {
    const { kit, session, userId, record } = await loggedIn();
    await expect(kit.authenticate.execute({ token: session.token })).resolves.toEqual({
      userId,
      sessionId: record.id,
      expiresAt: record.expiresAt,
      renewed: false,
    });
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

  it("rejects a valid token whose session record was ended", async () => {
    const { kit, session, userId, record } = await loggedIn();
    await kit.sessions.end(userId, record.id);
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow("Session has ended");
  });

  it("moves last seen and the expiry at most once a minute, and says when it did", async () => {
    const { kit, session, userId, record } = await loggedIn();
    kit.clock.advance(30_000);
    expect((await kit.authenticate.execute({ token: session.token })).renewed).toBe(false);
    expect((await kit.sessions.find(userId, record.id))!.lastSeenAt).toEqual(record.lastSeenAt);

    kit.clock.advance(MINUTE);
    const now = kit.clock.now();
    const renewed = await kit.authenticate.execute({ token: session.token });
    expect(renewed).toMatchObject({ renewed: true, expiresAt: new Date(now.getTime() + 7 * DAY) });
    const stored = (await kit.sessions.find(userId, record.id))!;
    expect(stored.lastSeenAt).toEqual(now);
    expect(stored.expiresAt).toEqual(renewed.expiresAt);
  });

  it("ends a session unused for the idle timeout", async () => {
    const { kit, session } = await loggedIn();
    kit.clock.advance(7 * DAY - MINUTE);
    await expect(kit.authenticate.execute({ token: session.token })).resolves.toBeDefined();
    kit.clock.advance(7 * DAY - 1);
    await expect(kit.authenticate.execute({ token: session.token })).resolves.toBeDefined();
    kit.clock.advance(7 * DAY);
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow("Session has ended");
  });

  it("ends a session at its absolute lifetime however much it is used; renewal never goes past it", async () => {
    const { kit, session, record } = await loggedIn();
    let last = null;
    while (kit.clock.now().getTime() < record.absoluteExpiresAt.getTime() - DAY) {
      kit.clock.advance(DAY);
      last = await kit.authenticate.execute({ token: session.token });
      expect(last.expiresAt.getTime()).toBeLessThanOrEqual(record.absoluteExpiresAt.getTime());
    }
    expect(last!.expiresAt).toEqual(record.absoluteExpiresAt);
    kit.clock.advance(DAY);
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow("Session has ended");
  });
});
