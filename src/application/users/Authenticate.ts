import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { SessionRevocations } from "../ports/SessionRevocations.js";
import { InvalidToken, type TokenService, type VerifiedToken } from "../ports/TokenService.js";

export interface AuthenticateInput {
  token: string;
}

export type AuthenticateError = InvalidToken;

/** Turns a bearer token into a live session: signed by us, unexpired, not logged out, not ended by a password change. */
export class Authenticate {
  constructor(
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocations,
    private readonly users: UserRepository,
  ) {}

  async execute(input: AuthenticateInput): Promise<VerifiedToken> {
    const session = await this.tokens.verify(input.token);
    if (await this.revocations.isRevoked(session.tokenId)) throw new InvalidToken("Session has been logged out");
    const user = await this.users.findById(session.userId);
    if (!user || user.sessionVersion !== session.sessionVersion) throw new InvalidToken("Session has ended; log in again");
    return session;
  }
}
