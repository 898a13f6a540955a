import { z } from "zod";
import { bool, int, optionalText } from "./envValues.js";

const HOUR = 3600;

/** An absolute http(s) URL with no query or fragment, kept without its trailing slash so `<base><path>` never doubles it. */
const baseUrl = optionalText().transform((v, ctx): string | undefined => {
  if (v === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an absolute URL such as https://bazaar.example" });
    return z.NEVER;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash || url.username || url.password) {
    ctx.addIssue({ code: "custom", message: "must be an http(s) URL without query, fragment or credentials" });
    return z.NEVER;
  }
  return url.href.replace(/\/+$/u, "");
});

/** Account recovery and proof of address (issue 11); merged into the one config schema by config.ts. */
export const recoveryEnv = {
  PUBLIC_URL: baseUrl,
  PUBLIC_APP_URL: baseUrl,
  REQUIRE_VERIFIED_EMAIL: bool.default(false),
  TOKEN_TTL_VERIFY_EMAIL_SECONDS: int(1, 30 * 24 * HOUR).default(24 * HOUR),
  TOKEN_TTL_RESET_PASSWORD_SECONDS: int(1, 24 * HOUR).default(30 * 60),
  TOKEN_TTL_EMAIL_CHANGE_SECONDS: int(1, 7 * 24 * HOUR).default(HOUR),
  TOKEN_TTL_UNDO_EMAIL_CHANGE_SECONDS: int(1, 90 * 24 * HOUR).default(7 * 24 * HOUR),
  EMAIL_COOLDOWN_SECONDS: int(1, HOUR).default(60),
  EMAIL_DAILY_CAP: int(1, 1_000).default(10),
  RATE_LIMIT_PASSWORD_FORGOT_PER_IP: int(1, 1_000_000).default(20),
  RATE_LIMIT_PASSWORD_FORGOT_WINDOW_SECONDS: int(1, 86_400).default(15 * 60),
};

type RecoveryEnv = { [K in keyof typeof recoveryEnv]: z.output<(typeof recoveryEnv)[K]> };

export interface RecoveryConfig {
  /** Where emailed links point: PUBLIC_APP_URL (the client app serves the link paths) or else PUBLIC_URL (Bazaar's own pages). */
  linkBase: string;
  /** Bazaar's own public URL: PUBLIC_URL, or the listen address in development and tests. */
  publicUrl: string;
  requireVerifiedEmail: boolean;
  /** Token lifetimes in milliseconds. */
  lifetimesMs: { verifyEmail: number; resetPassword: number; emailChange: number; undoEmailChange: number };
  /** Per user (verification) and per hashed address (forgotten password): one email per cooldown, at most `dailyCap` a day. */
  emailCooldownSeconds: number;
  emailDailyCap: number;
  forgotPerIp: number;
  forgotWindowSeconds: number;
}

export function recoveryConfig(c: RecoveryEnv & { NODE_ENV: string }, listen: { host: string; port: number }, warnings: string[]): RecoveryConfig {
  const host = listen.host === "0.0.0.0" || listen.host === "::" ? "127.0.0.1" : listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  const publicUrl = c.PUBLIC_URL ?? `http://${host}:${listen.port}`;
  if (!c.PUBLIC_URL && c.NODE_ENV === "production") warnings.push(`PUBLIC_URL is not set: emailed links point at ${publicUrl}, which users probably cannot reach`);
  return {
    linkBase: c.PUBLIC_APP_URL ?? publicUrl,
    publicUrl,
    requireVerifiedEmail: c.REQUIRE_VERIFIED_EMAIL,
    lifetimesMs: {
      verifyEmail: c.TOKEN_TTL_VERIFY_EMAIL_SECONDS * 1000,
      resetPassword: c.TOKEN_TTL_RESET_PASSWORD_SECONDS * 1000,
      emailChange: c.TOKEN_TTL_EMAIL_CHANGE_SECONDS * 1000,
      undoEmailChange: c.TOKEN_TTL_UNDO_EMAIL_CHANGE_SECONDS * 1000,
    },
    emailCooldownSeconds: c.EMAIL_COOLDOWN_SECONDS,
    emailDailyCap: c.EMAIL_DAILY_CAP,
    forgotPerIp: c.RATE_LIMIT_PASSWORD_FORGOT_PER_IP,
    forgotWindowSeconds: c.RATE_LIMIT_PASSWORD_FORGOT_WINDOW_SECONDS,
  };
}
