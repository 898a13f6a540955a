import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../../src/infrastructure/config/config.js";
import { workerErases } from "../../../../src/composition/erasure.js";

const base = { NODE_ENV: "development" };

describe("account deletion configuration", () => {
  it("defaults to a 14-day grace period and an erasure run every 5 minutes", () => {
    expect(loadConfig({ ...base, PORT: "3100" }).accountDeletion).toEqual({ graceDays: 14, erasureIntervalMs: 300_000 });
  });

  it.each([
    [{ ACCOUNT_DELETION_GRACE_DAYS: "0" }, /ACCOUNT_DELETION_GRACE_DAYS/u],
    [{ ACCOUNT_DELETION_GRACE_DAYS: "two weeks" }, /ACCOUNT_DELETION_GRACE_DAYS/u],
    [{ ACCOUNT_ERASURE_INTERVAL_MS: "5" }, /ACCOUNT_ERASURE_INTERVAL_MS/u],
  ])("refuses %o with one line naming the setting", (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it("runs the erasure job in a worker only where the real users are: MongoDB, or inside the API", () => {
    expect(workerErases(loadConfig(base))).toBe(true);
    expect(workerErases(loadConfig({ ...base, REDIS_URL: "redis://127.0.0.1:6379" }))).toBe(false);
    expect(workerErases(loadConfig({ ...base, REDIS_URL: "redis://127.0.0.1:6379", MONGODB_URI: "mongodb://127.0.0.1:27017" }))).toBe(true);
  });
});
