import type { SessionRecord, SessionStore } from "../../ports/SessionStore.js";
import { InvalidToken, type TokenService } from "../../ports/TokenService.js";

/**
 * Ends the session a token names, if the token is still one of ours and unexpired: its record is deleted, so the token
 * (and any copy of it) stops working at once. Returns the session it ended, if it was still live. No token, or a dead
 * one, leaves nothing to end; if the store cannot be reached, that error reaches the caller.
 */
export async function endPresentedSession(tokens: TokenService, sessions: SessionStore, token: string | null | undefined): Promise<SessionRecord | null> {
  if (!token) return null;
  const claims = await tokens.verify(token).catch((error: unknown) => {
    if (error instanceof InvalidToken) return null;
    throw error;
  });
  if (!claims) return null;
  const session = await sessions.find(claims.userId, claims.sessionId);
  await sessions.end(claims.userId, claims.sessionId);
  return session;
}
