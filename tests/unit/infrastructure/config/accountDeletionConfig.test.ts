import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../../src/infrastructure/config/config.js";
import { workerErases } from "../../../../src/composition/erasure.js";

const base = { NODE_ENV: "development" };

describe("account deletion configuration", () => {
  it("defaults to a 14-day grace period, an erasure run every 5 minutes and links to localhost on PORT", () => {
    const config = loadConfig({ ...base, PORT: "3100" });
    expect(config.accountDeletion).toEqual({ graceDays: 14, erasureIntervalMs: 300_000 });
    expect(config.publicUrl).toBe("http://localhost:3100");
  });

  it("takes PUBLIC_URL without its trailing slash, and warns in production when it is unset", () => {
    expect(loadConfig({ ...base, PUBLIC_URL: "https://bazaar.example/" }).publicUrl).toBe("https://bazaar.example");
    const prod = loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32) });
    expect(prod.warnings.some((w) => w.startsWith("PUBLIC_URL is not set"))).toBe(true);
  });

  it.each([
    [{ ACCOUNT_DELETION_GRACE_DAYS: "0" }, /ACCOUNT_DELETION_GRACE_DAYS/u],
    [{ ACCOUNT_DELETION_GRACE_DAYS: "two weeks" }, /ACCOUNT_DELETION_GRACE_DAYS/u],
    [{ ACCOUNT_ERASURE_INTERVAL_MS: "5" }, /ACCOUNT_ERASURE_INTERVAL_MS/u],
    [{ PUBLIC_URL: "ftp://bazaar.example" }, /PUBLIC_URL must start with http:\/\/ or https:\/\//u],
  ])("refuses %o with one line naming the setting", (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it("runs the erasure job in a worker only where the real users are: MongoDB, or inside the API", () => {
    expect(workerErases(loadConfig(base))).toBe(true);
    expect(workerErases(loadConfig({ ...base, REDIS_URL: "redis://127.0.0.1:6379" }))).toBe(false);
    expect(workerErases(loadConfig({ ...base, REDIS_URL: "redis://127.0.0.1:6379", MONGODB_URI: "mongodb://127.0.0.1:27017" }))).toBe(true);
  });
});
