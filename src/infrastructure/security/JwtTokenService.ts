import { createSecretKey, randomUUID, type KeyObject } from "node:crypto";
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
 * HS256 only, pinned on verify (no `none`, no RS/HS confusion); iss, aud, exp and jti always set and checked.
 * The secret is a KeyObject: jsonwebtoken re-imports string secrets on every call, which costs ~50x more.
 */
export class JwtTokenService implements TokenService {
  readonly #key: KeyObject;

  constructor(private readonly settings: JwtSettings) {
    this.#key = createSecretKey(Buffer.from(settings.secret, "utf8"));
  }

  async issue(claims: SessionClaims): Promise<IssuedToken> {
    const tokenId = randomUUID();
    const nowSeconds = Math.floor(Date.now() / 1000);
    const exp = nowSeconds + this.settings.ttlSeconds;
    const token = jwt.sign({ sv: claims.sessionVersion, iat: nowSeconds, exp }, this.#key, {
      algorithm: ALGORITHM,
      subject: claims.userId,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      jwtid: tokenId,
    });
    return { token, tokenId, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<VerifiedToken> {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidToken("Token is malformed");
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, this.#key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      });
    } catch (error) {
      throw new InvalidToken(error instanceof jwt.TokenExpiredError ? "Session has expired" : "Token is invalid");
    }
    if (typeof payload === "string") throw new InvalidToken("Token is invalid");
    const { sub, jti, exp, sv } = payload;
    if (typeof sub !== "string" || typeof jti !== "string" || typeof exp !== "number" || !Number.isSafeInteger(sv))
      throw new InvalidToken("Token is invalid");
    return { userId: sub, tokenId: jti, sessionVersion: sv as number, expiresAt: new Date(exp * 1000) };
  }
}
