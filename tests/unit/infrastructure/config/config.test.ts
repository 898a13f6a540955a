import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../../src/infrastructure/config/config.js";

const SECRET = "s".repeat(32);

describe("loadConfig", () => {
  it("runs on embedded defaults with nothing set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: "development", port: 3000, host: "127.0.0.1", mongo: null, redis: null, bcryptCost: 12, trustProxyHops: 0 });
    expect(config.jwt.secret).toBeNull();
  });

  it("leaves the hash concurrency to the hasher unless PASSWORD_HASH_CONCURRENCY says", () => {
    expect(loadConfig({}).passwordHashConcurrency).toBeNull();
    expect(loadConfig({ PASSWORD_HASH_CONCURRENCY: "1" }).passwordHashConcurrency).toBe(1);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["JWT_SECRET missing in production", { NODE_ENV: "production" }, /JWT_SECRET is required/],
    ["JWT_SECRET too short", { NODE_ENV: "production", JWT_SECRET: "short" }, /JWT_SECRET must be at least 32 bytes/],
    ["PORT not a number", { PORT: "eighty" }, /^Invalid configuration: PORT/],
    ["PORT out of range", { PORT: "70000" }, /^Invalid configuration: PORT/],
    ["MONGODB_URI not a mongo URL", { MONGODB_URI: "http://db" }, /MONGODB_URI must start with mongodb:\/\//],
    ["REDIS_URL not a redis URL", { REDIS_URL: "localhost:6379" }, /REDIS_URL/],
    ["BCRYPT_COST too low for production", { NODE_ENV: "production", JWT_SECRET: SECRET, BCRYPT_COST: "8" }, /BCRYPT_COST/],
    ["PASSWORD_HASH_CONCURRENCY zero", { PASSWORD_HASH_CONCURRENCY: "0" }, /PASSWORD_HASH_CONCURRENCY/],
    ["PASSWORD_HASH_CONCURRENCY not a number", { PASSWORD_HASH_CONCURRENCY: "all" }, /PASSWORD_HASH_CONCURRENCY/],
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
    expect(loadConfig({ HOST: "", MONGODB_URI: "", REDIS_URL: "", JWT_SECRET: "" })).toMatchObject({ host: "127.0.0.1", mongo: null, redis: null });
  });
});

describe("rate limit defaults", () => {
  it("10 failures per account and IP and 50 per account per 15 min; 30 signups per IP per 5 min; 5 per email per hour", () => {
    expect(loadConfig({}).rateLimits).toEqual({
      enabled: true,
      loginPerIp: 100,
      loginFailuresPerAccountIp: 10,
      loginFailuresPerAccount: 50,
      loginWindowSeconds: 900,
      signupPerIp: 30,
      signupWindowSeconds: 300,
      signupPerEmail: 5,
      signupPerEmailWindowSeconds: 3600,
    });
  });

  it("every limit and window is configurable", () => {
    const rl = loadConfig({
      RATE_LIMIT_LOGIN_WINDOW_SECONDS: "60",
      RATE_LIMIT_SIGNUP_PER_IP: "100",
      RATE_LIMIT_SIGNUP_WINDOW_SECONDS: "600",
      RATE_LIMIT_SIGNUP_PER_EMAIL: "2",
      RATE_LIMIT_SIGNUP_PER_EMAIL_WINDOW_SECONDS: "7200",
    }).rateLimits;
    expect(rl).toMatchObject({ loginWindowSeconds: 60, signupPerIp: 100, signupWindowSeconds: 600, signupPerEmail: 2, signupPerEmailWindowSeconds: 7200 });
  });
});

describe("CORS_ORIGINS", () => {
  const configError = (value: string) => {
    try {
      loadConfig({ CORS_ORIGINS: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    return null;
  };

  it("keeps each origin as a browser sends it (lower-case, punycode, default port dropped)", () => {
    const config = loadConfig({ CORS_ORIGINS: "https://Shop.Example, http://localhost:5173, https://bücher.example:443, https://shop.example" });
    expect(config.corsOrigins).toEqual(["https://shop.example", "http://localhost:5173", "https://xn--bcher-kva.example"]);
  });

  it.each([
    ["*", /wildcard/],
    ["https://*.example.com", /wildcard/],
    ["https://shop.example/", /not an origin/],
    ["https://shop.example/app", /not an origin/],
    ["https://shop.example?x=1", /not an origin/],
    ["https://shop.example#top", /not an origin/],
    ["shop.example", /not an origin/],
    ["ftp://shop.example", /not an origin/],
    ["https://user:pw@shop.example", /not an origin/],
    ["https://shop.example:99999", /not an origin/],
    ["null", /not an origin/],
  ])("refuses %s with a ConfigError naming the entry", (entry, reason) => {
    const message = configError(`https://ok.example, ${entry}`);
    expect(message).toMatch(/^Invalid configuration: CORS_ORIGINS /);
    expect(message).toMatch(reason);
    expect(message).toContain(JSON.stringify(entry));
    expect(message).not.toContain("\n");
  });

  it("warns once in development when the list is empty, and not elsewhere or when set", () => {
    expect(loadConfig({}).warnings).toEqual([expect.stringMatching(/CORS_ORIGINS is empty: browser clients on another origin .* will be refused/)]);
    expect(loadConfig({ CORS_ORIGINS: "http://localhost:5173" }).warnings).toEqual([]);
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: SECRET }).warnings.filter((w) => w.includes("CORS"))).toEqual([]);
  });
});

describe("account recovery settings", () => {
  it("links point at PUBLIC_URL, or at PUBLIC_APP_URL when set, without a trailing slash", () => {
    expect(loadConfig({ PUBLIC_URL: "https://api.bazaar.example/" }).recovery).toMatchObject({ publicUrl: "https://api.bazaar.example", linkBase: "https://api.bazaar.example" });
    expect(loadConfig({ PUBLIC_URL: "https://api.bazaar.example", PUBLIC_APP_URL: "https://bazaar.example/app/" }).recovery.linkBase).toBe("https://bazaar.example/app");
  });

  it("defaults to the listen address in development, and warns in production when PUBLIC_URL is missing", () => {
    expect(loadConfig({ PORT: "4000" }).recovery.linkBase).toBe("http://127.0.0.1:4000");
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: SECRET }).warnings).toEqual([expect.stringMatching(/PUBLIC_URL is not set/)]);
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: SECRET, PUBLIC_URL: "https://bazaar.example" }).warnings).toEqual([]);
  });

  it("refuses a PUBLIC_URL that is not an absolute http(s) URL without query or credentials", () => {
    for (const bad of ["bazaar.example", "ftp://bazaar.example", "https://bazaar.example/?a=1", "https://u:p@bazaar.example"])
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
  });

  it("has the issue's lifetimes by default and REQUIRE_VERIFIED_EMAIL off", () => {
    expect(loadConfig({}).recovery).toMatchObject({
      requireVerifiedEmail: false,
      lifetimesMs: { verifyEmail: 24 * 3600_000, resetPassword: 30 * 60_000, emailChange: 3600_000, undoEmailChange: 7 * 24 * 3600_000 },
      emailCooldownSeconds: 60,
    });
    expect(loadConfig({ REQUIRE_VERIFIED_EMAIL: "true" }).recovery.requireVerifiedEmail).toBe(true);
  });
});

describe("CLOUDINARY_URL, in every form the Cloudinary SDK accepts", () => {
  const base = "cloudinary://123456789012345:s3cr%2Fet@demo";
  const cloudinary = (env: Record<string, string>) => loadConfig({ CORS_ORIGINS: "https://x.example", ...env }).catalog.cloudinary;

  it("the plain form", () => {
    expect(cloudinary({ CLOUDINARY_URL: base })).toMatchObject({ cloudName: "demo", apiKey: "123456789012345", apiSecret: "s3cr/et", uploadPrefix: undefined, delivery: {} });
  });

  it("upload_prefix in the query sets the upload endpoint", () => {
    expect(cloudinary({ CLOUDINARY_URL: `${base}?upload_prefix=https://api-eu.cloudinary.com` })?.uploadPrefix).toBe("https://api-eu.cloudinary.com");
    expect(cloudinary({ CLOUDINARY_URL: `${base}?upload_prefix=http%3A%2F%2F127.0.0.1%3A9444` })?.uploadPrefix).toBe("http://127.0.0.1:9444");
  });

  it("CLOUDINARY_UPLOAD_PREFIX still works alone, and agrees or stops startup when both are set", () => {
    expect(cloudinary({ CLOUDINARY_URL: base, CLOUDINARY_UPLOAD_PREFIX: "http://127.0.0.1:9444" })?.uploadPrefix).toBe("http://127.0.0.1:9444");
    const same = "http://127.0.0.1:9444";
    expect(cloudinary({ CLOUDINARY_URL: `${base}?upload_prefix=${same}`, CLOUDINARY_UPLOAD_PREFIX: same })?.uploadPrefix).toBe(same);
    expect(() => cloudinary({ CLOUDINARY_URL: `${base}?upload_prefix=https://api-eu.cloudinary.com`, CLOUDINARY_UPLOAD_PREFIX: same })).toThrow(
      /CLOUDINARY_UPLOAD_PREFIX and the upload_prefix in CLOUDINARY_URL differ/,
    );
  });

  it("a private CDN: secure_distribution and private_cdn from the query, or the SDK's path form", () => {
    expect(cloudinary({ CLOUDINARY_URL: `${base}?secure_distribution=media.shop.example&private_cdn=true` })?.delivery).toEqual({
      secure_distribution: "media.shop.example",
      private_cdn: true,
    });
    expect(cloudinary({ CLOUDINARY_URL: `${base}/media.shop.example` })?.delivery).toEqual({ secure_distribution: "media.shop.example", private_cdn: true });
    expect(cloudinary({ CLOUDINARY_URL: `${base}?private_cdn=false&cname=img.shop.example&secure_cdn_subdomain=1` })?.delivery).toEqual({
      private_cdn: false,
      cname: "img.shop.example",
      secure_cdn_subdomain: true,
    });
  });

  it("other SDK parameters are ignored with one warning that names them and shows no value", () => {
    const config = loadConfig({ CORS_ORIGINS: "https://x.example", CLOUDINARY_URL: `${base}?api_proxy=http://proxy.internal:3128&foo[bar]=secret-value` });
    expect(config.catalog.cloudinary).toMatchObject({ cloudName: "demo" });
    expect(config.warnings).toEqual([expect.stringMatching(/CLOUDINARY_URL: ignoring .*"api_proxy", "foo\[bar\]"/)]);
    expect(config.warnings.join()).not.toMatch(/secret-value|proxy\.internal|s3cr/);
  });

  it.each([
    ["not a cloudinary URL", "https://key:secret@demo", /must look like cloudinary:\/\//],
    ["no secret", "cloudinary://key@demo", /must look like/],
    ["upload_prefix with a path", `${base}?upload_prefix=https://api.cloudinary.com/v1_1`, /upload_prefix must be an origin/],
    ["upload_prefix not http(s)", `${base}?upload_prefix=ftp://x`, /upload_prefix must be an origin/],
    ["secure_distribution not a host", `${base}?secure_distribution=https://cdn.example/x`, /secure_distribution must be a host name/],
    ["private_cdn not a boolean", `${base}?private_cdn=yes`, /private_cdn must be true or false/],
  ])("refuses %s, without echoing the secret", (_label, url, reason) => {
    let message = "";
    try {
      cloudinary({ CLOUDINARY_URL: url });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: CLOUDINARY_URL /);
    expect(message).toMatch(reason);
    expect(message).not.toMatch(/s3cr|secret@/);
  });
});

describe("METRICS_PORT", () => {
  it("is off when unset, a port when set, and never the API's own port", () => {
    expect(loadConfig({}).metricsPort).toBeNull();
    expect(loadConfig({ METRICS_PORT: "" }).metricsPort).toBeNull();
    expect(loadConfig({ METRICS_PORT: "9464" }).metricsPort).toBe(9464);
    expect(() => loadConfig({ METRICS_PORT: "3000" })).toThrow("Invalid configuration: METRICS_PORT must differ from PORT (metrics are never served on the public listener)");
    expect(() => loadConfig({ METRICS_PORT: "70000" })).toThrow(/^Invalid configuration: METRICS_PORT /);
  });
});

describe("session settings", () => {
  it("default to 7 days idle, 30 days absolute (also the JWT's life), 50 sessions per user and the notice on", () => {
    const config = loadConfig({});
    expect(config.sessions).toEqual({ idleTimeoutSeconds: 7 * 86_400, absoluteLifetimeSeconds: 30 * 86_400, maxPerUser: 50, newSignInNotice: true });
    expect(config.jwt.ttlSeconds).toBe(30 * 86_400);
  });

  it("are configurable", () => {
    const config = loadConfig({ SESSION_IDLE_TIMEOUT_SECONDS: "900", SESSION_ABSOLUTE_LIFETIME_SECONDS: "43200", SESSION_MAX_PER_USER: "5", NEW_SIGN_IN_NOTICE: "false" });
    expect(config.sessions).toEqual({ idleTimeoutSeconds: 900, absoluteLifetimeSeconds: 43_200, maxPerUser: 5, newSignInNotice: false });
    expect(config.jwt.ttlSeconds).toBe(43_200);
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ SESSION_IDLE_TIMEOUT_SECONDS: "3600", SESSION_ABSOLUTE_LIFETIME_SECONDS: "60" }, /SESSION_IDLE_TIMEOUT_SECONDS must not exceed SESSION_ABSOLUTE_LIFETIME_SECONDS/],
    [{ SESSION_MAX_PER_USER: "0" }, /^Invalid configuration: SESSION_MAX_PER_USER/],
    [{ SESSION_IDLE_TIMEOUT_SECONDS: "10" }, /^Invalid configuration: SESSION_IDLE_TIMEOUT_SECONDS/],
  ])("refuses %j", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("says once that JWT_TTL_SECONDS is no longer read", () => {
    expect(loadConfig({ JWT_TTL_SECONDS: "86400" }).warnings).toContainEqual(expect.stringMatching(/JWT_TTL_SECONDS is no longer read/));
    expect(loadConfig({}).warnings.join()).not.toMatch(/JWT_TTL_SECONDS/);
  });
});
