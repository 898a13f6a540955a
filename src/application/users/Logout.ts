import type { SessionRevocations } from "../ports/SessionRevocations.js";
import { InvalidToken, type TokenService } from "../ports/TokenService.js";

export interface LogoutInput {
  /** The session token the client presented, if any. */
  token: string | null;
}

export type LogoutError = never;

export class Logout {
  constructor(
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocations,
  ) {}

  /**
   * Logging out is always allowed: no token or an already-dead one leaves nothing to end. A live token stays revoked
   * until it would have expired anyway; if that cannot be recorded, the error reaches the client.
   */
  async execute(input: LogoutInput): Promise<void> {
    if (!input.token) return;
    const session = await this.tokens.verify(input.token).catch((error: unknown) => {
      if (error instanceof InvalidToken) return null;
      throw error;
    });
    if (session) await this.revocations.revoke(session.tokenId, session.expiresAt);
  }
}
