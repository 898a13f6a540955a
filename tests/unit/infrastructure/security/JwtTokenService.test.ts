import { createHmac } from "node:crypto";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { InvalidToken } from "../../../../src/application/ports/TokenService.js";
import { JwtTokenService } from "../../../../src/infrastructure/security/JwtTokenService.js";
const SESSION_TOKEN_TYPE = "session+jwt", MAX_CLOCK_SKEW_SECONDS = 60;

const SECRET = "unit-test-secret-that-is-at-least-32-bytes";
const service = new JwtTokenService({ secret: SECRET, issuer: "bazaar", audience: "bazaar-api", ttlSeconds: 3600 });
const now = () => Math.floor(Date.now() / 1000);

/**
 * What a real session token carries, HS256-signed with the same secret; each case below changes one thing.
 * Signed by hand: jsonwebtoken's sign() would add a missing iat and refuse a malformed one.
 */
const forge = (payload: Record<string, unknown>, header: Record<string, unknown> = { typ: SESSION_TOKEN_TYPE }) => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const claims = { sub: "user-1", sv: 0, jti: "token-1", iss: "bazaar", aud: "bazaar-api", iat: now(), exp: now() + 600, ...payload };
  const signingInput = `${part({ alg: "HS256", ...header })}.${part(claims)}`;
  return `${signingInput}.${createHmac("sha256", SECRET).update(signingInput).digest("base64url")}`;
};

const rejection = (token: string) => service.verify(token).then(() => null, (e: unknown) => e);

describe("JwtTokenService", () => {
  it("accepts what it issues, and a well-formed forgery with the same secret (the baseline the cases below break)", async () => {
    const issued = await service.issue({ userId: "user-1", sessionVersion: 3, sessionId: "session-1" });
    expect(jwt.decode(issued.token, { complete: true })?.header.typ).toBe(SESSION_TOKEN_TYPE);
    await expect(service.verify(issued.token)).resolves.toMatchObject({ userId: "user-1", sessionVersion: 3, sessionId: "session-1" });
    await expect(service.verify(forge({}))).resolves.toMatchObject({ userId: "user-1", sessionId: "token-1" });
  });

  it("accepts an iat within the allowed clock skew", async () => {
    await expect(service.verify(forge({ iat: now() + MAX_CLOCK_SKEW_SECONDS - 5 }))).resolves.toMatchObject({ userId: "user-1" });
  });

  it.each<[string, string]>([
    ["without iat", forge({ iat: undefined })],
    ["with a non-numeric iat", forge({ iat: "yesterday" })],
    ["with an iat an hour in the future", forge({ iat: now() + 3600 })],
    ["with an iat just beyond the clock skew", forge({ iat: now() + MAX_CLOCK_SKEW_SECONDS + 30 })],
    ["without a typ header", forge({}, { typ: undefined })],
    ["with the library default typ JWT", forge({}, { typ: "JWT" })],
    ["of another kind (a password-reset token) signed with the same key", forge({}, { typ: "password-reset+jwt" })],
    ["with the type as a claim instead of the header", forge({ typ: SESSION_TOKEN_TYPE }, { typ: "JWT" })],
  ])("rejects a token %s", async (_label, token) => {
    expect(await rejection(token)).toBeInstanceOf(InvalidToken);
  });
});
