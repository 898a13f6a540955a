import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, URL-safe (43 characters): what travels in the emailed link, and nowhere else. */
export function newEmailedToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the stores keep instead of the token: its SHA-256. A fast hash is enough here (unlike passwords): the input is
 * 256 random bits, so there is nothing to guess, and a leaked store yields no usable link.
 */
export function hashEmailedToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The shape every emailed token has; anything else is refused before any store is asked. */
export const EMAILED_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
