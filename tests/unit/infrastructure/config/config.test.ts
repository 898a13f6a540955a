import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../../src/infrastructure/config/config.js";

const SECRET = "s".repeat(32);

describe("loadConfig", () => {
  it("runs on embedded defaults with nothing set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: "development", port: 3000, host: "127.0.0.1", mongo: null, redisUrl: null, bcryptCost: 12, trustProxyHops: 0 });
    expect(config.jwt.secret).toBeNull();
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["JWT_SECRET missing in production", { NODE_ENV: "production" }, /JWT_SECRET is required/],
    ["JWT_SECRET too short", { NODE_ENV: "production", JWT_SECRET: "short" }, /JWT_SECRET must be at least 32 bytes/],
    ["PORT not a number", { PORT: "eighty" }, /^Invalid configuration: PORT/],
    ["PORT out of range", { PORT: "70000" }, /^Invalid configuration: PORT/],
    ["MONGODB_URI not a mongo URL", { MONGODB_URI: "http://db" }, /MONGODB_URI must start with mongodb:\/\//],
    ["REDIS_URL not a redis URL", { REDIS_URL: "localhost:6379" }, /REDIS_URL/],
    ["BCRYPT_COST too low for production", { NODE_ENV: "production", JWT_SECRET: SECRET, BCRYPT_COST: "8" }, /BCRYPT_COST/],
    ["unknown NODE_ENV", { NODE_ENV: "staging" }, /NODE_ENV/],
  ])("stops with one line naming the setting: %s", (_label, env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("never echoes the secret in an error", () => {
    expect(() => loadConfig({ NODE_ENV: "production", JWT_SECRET: "tiny-secret-value" })).toThrow(/^(?!.*tiny-secret-value)/);
  });

  it("reads lists and switches", () => {
    const config = loadConfig({ NODE_ENV: "production", JWT_SECRET: SECRET, CORS_ORIGINS: "https://a.example, https://b.example ,", RATE_LIMITS_ENABLED: "false" });
    expect(config.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(config.rateLimits.enabled).toBe(false);
    expect(config.host).toBe("0.0.0.0");
  });
});

describe("loadConfig with a copied .env.example", () => {
  it("treats empty values as unset", () => {
    expect(loadConfig({ HOST: "", MONGODB_URI: "", REDIS_URL: "", JWT_SECRET: "" })).toMatchObject({ host: "127.0.0.1", mongo: null, redisUrl: null });
  });
});
