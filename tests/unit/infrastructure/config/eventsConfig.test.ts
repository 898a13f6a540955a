import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../../src/infrastructure/config/config.js";

const base = { NODE_ENV: "development" };

describe("events and notifications configuration", () => {
  it("runs the worker in the API process exactly when there is no Redis to share events through", () => {
    expect(loadConfig(base).notifications.inProcess).toBe(true);
    expect(loadConfig({ ...base, REDIS_URL: "redis://127.0.0.1:6379" }).notifications.inProcess).toBe(false);
    expect(loadConfig({ ...base, REDIS_URL: "redis://127.0.0.1:6379", NOTIFICATIONS_IN_PROCESS: "true" }).notifications.inProcess).toBe(true);
  });

  it("writes .eml files to var/mail unless SMTP_URL is set", () => {
    expect(loadConfig(base).mail).toMatchObject({ smtpUrl: null, dir: "var/mail" });
    expect(loadConfig({ ...base, SMTP_URL: "smtp://mail:1025" }).mail.smtpUrl).toBe("smtp://mail:1025");
  });

  it.each([
    [{ SMTP_URL: "http://mail" }, /SMTP_URL must start with smtp:\/\/ or smtps:\/\//u],
    [{ EVENT_MAX_ATTEMPTS: "0" }, /EVENT_MAX_ATTEMPTS/u],
    [{ EVENT_STREAM_MAXLEN: "lots" }, /EVENT_STREAM_MAXLEN/u],
  ])("refuses %o with one line naming the setting", (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});
