import type { SessionRevocations } from "../../ports/SessionRevocations.js";
import { InvalidToken, type TokenService } from "../../ports/TokenService.js";

/**
 * Ends the session a token stands for, if it is still one of ours and unexpired: revoked until it would have expired
 * anyway. No token, or an already-dead one, leaves nothing to end; if the revocation cannot be recorded, that error
 * reaches the caller.
 */
export async function endSession(tokens: TokenService, revocations: SessionRevocations, token: string | null | undefined): Promise<void> {
  if (!token) return;
  const session = await tokens.verify(token).catch((error: unknown) => {
    if (error instanceof InvalidToken) return null;
    throw error;
  });
  if (session) await revocations.revoke(session.tokenId, session.expiresAt);
}
