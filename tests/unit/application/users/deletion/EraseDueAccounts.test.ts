import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../../../../src/application/users/deletion/AccountDeletionPolicy.js";
import { EraseDueAccounts } from "../../../../../src/application/users/deletion/EraseDueAccounts.js";
import { RandomIdGenerator } from "../../../../../src/infrastructure/system/RandomIdGenerator.js";
import { accountsKit, ada } from "../../../../support/accountsKit.js";

async function deleted(kit = accountsKit(), email = ada.email) {
  const user = await kit.registerUser.execute({ ...ada, email });
  const { eraseAfter } = await kit.deleteAccount.execute({ userId: user.id, password: ada.password });
  const token = await kit.emailedTokens.issue({ purpose: "restore-account", userId: user.id, email: user.email, expiresAt: eraseAfter });
  return { kit, user, token };
}

describe("EraseDueAccounts", () => {
  it("erases nothing during the grace period", async () => {
    const { kit, user } = await deleted();
    kit.clock.advance(14 * DAY_MS - 1);
    expect(await kit.eraseDueAccounts.execute()).toEqual({ erased: 0 });
    expect(await kit.users.findById(user.id)).not.toBeNull();
  });

  it("after the grace period erases the account, frees the address, cancels its tokens and publishes user:deleted", async () => {
    const { kit, user, token } = await deleted();
    kit.clock.advance(14 * DAY_MS);
    expect(await kit.eraseDueAccounts.execute()).toEqual({ erased: 1 });
    expect(await kit.users.findById(user.id)).toBeNull();
    expect(await kit.users.findByEmail("ada@example.com")).toBeNull();
    expect(await kit.emailedTokens.consume("restore-account", token)).toBeNull();
    await expect(kit.registerUser.execute(ada)).resolves.toMatchObject({ email: "ada@example.com" });
    await kit.flushEvents();
    const events = kit.published.filter((m) => m.type === "user:deleted");
    expect(events.map((m) => m.data)).toEqual([{ userId: user.id, erasedAt: kit.clock.now().toISOString() }]);
  });

  it("leaves a restored account alone", async () => {
    const { kit, user, token } = await deleted();
    await kit.restoreAccount.execute({ token });
    kit.clock.advance(30 * DAY_MS);
    expect(await kit.eraseDueAccounts.execute()).toEqual({ erased: 0 });
    expect(await kit.users.findById(user.id)).not.toBeNull();
  });

  it("erases once when two workers run it at the same time, with one user:deleted event", async () => {
    const { kit, user } = await deleted();
    const second = new EraseDueAccounts(kit.users, kit.emailedTokens, kit.sessions, kit.relay, new RandomIdGenerator(), kit.clock, { graceMs: 14 * DAY_MS, erasureBatchSize: 100 });
    kit.clock.advance(15 * DAY_MS);
    const results = await Promise.all([kit.eraseDueAccounts.execute(), second.execute()]);
    expect(results.map((r) => r.erased).sort()).toEqual([0, 1]);
    expect(await kit.eraseDueAccounts.execute()).toEqual({ erased: 0 });
    await kit.flushEvents();
    expect(kit.published.filter((m) => m.type === "user:deleted" && (m.data as { userId: string }).userId === user.id)).toHaveLength(1);
  });

  it("keeps going past a full batch", async () => {
    const kit = accountsKit();
    const small = new EraseDueAccounts(kit.users, kit.emailedTokens, kit.sessions, kit.relay, new RandomIdGenerator(), kit.clock, { graceMs: 14 * DAY_MS, erasureBatchSize: 2 });
    for (let i = 0; i < 5; i++) await deleted(kit, `user${i}@example.com`);
    kit.clock.advance(15 * DAY_MS);
    expect(await small.execute()).toEqual({ erased: 5 });
  });
});
