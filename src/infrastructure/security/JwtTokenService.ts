import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { InvalidToken, type IssuedToken, type SessionClaims, type TokenService, type VerifiedToken } from "../../application/ports/TokenService.js";

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

const ALGORITHM = "HS256";
const MAX_TOKEN_LENGTH = 4096;
/**
 * Explicit typing (RFC 8725 §3.11): the JOSE header says what the token is for, so a token of any other kind
 * signed with the same key (a JWT library's default `typ: "JWT"`, a future reset link) never passes as a session.
 */
export const SESSION_TOKEN_TYPE = "session+jwt";
/** How far ahead of our clock a token's `iat` may be: clocks of several instances drift by seconds, not minutes. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

/**
 * HS256 only, pinned on verify (no `none`, no RS/HS confusion); typ, iss, aud, iat, exp and jti always set and checked.
 * The secret is a KeyObject: jsonwebtoken re-imports string secrets on every call, which costs ~50x more.
 */
export class JwtTokenService implements TokenService {
  readonly #key: KeyObject;

  constructor(private readonly settings: JwtSettings) {
    this.#key = createSecretKey(Buffer.from(settings.secret, "utf8"));
  }

  async issue(claims: SessionClaims): Promise<IssuedToken> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const exp = nowSeconds + this.settings.ttlSeconds;
    const token = jwt.sign({ sv: claims.sessionVersion, iat: nowSeconds, exp }, this.#key, {
      algorithm: ALGORITHM,
      subject: claims.userId,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      jwtid: claims.sessionId,
      header: { alg: ALGORITHM, typ: SESSION_TOKEN_TYPE },
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<VerifiedToken> {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidToken("Token is malformed");
    let decoded: jwt.Jwt;
    try {
      decoded = jwt.verify(token, this.#key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        complete: true,
      });
    } catch (error) {
      throw new InvalidToken(error instanceof jwt.TokenExpiredError ? "Session has expired" : "Token is invalid");
    }
    const { header, payload } = decoded;
    if (header.typ !== SESSION_TOKEN_TYPE || typeof payload === "string") throw new InvalidToken("Token is invalid");
    const { sub, jti, exp, iat, sv } = payload;
    if (typeof sub !== "string" || typeof jti !== "string" || typeof exp !== "number" || !Number.isSafeInteger(sv))
      throw new InvalidToken("Token is invalid");
    // A token from the future was not issued by a healthy instance of ours.
    if (!Number.isSafeInteger(iat) || (iat as number) > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) throw new InvalidToken("Token is invalid");
    return { userId: sub, sessionId: jti, sessionVersion: sv as number, expiresAt: new Date(exp * 1000) };
  }
}
