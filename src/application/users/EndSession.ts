import { SessionNotFound } from "../../domain/users/UserErrors.js";
import type { SessionStore } from "../ports/SessionStore.js";

export interface EndSessionInput {
  userId: string;
  sessionId: string;
}

export type EndSessionError = SessionNotFound;

/**
 * Ends one of the caller's sessions (the current one too: that is a logout). Another user's session id is "not found",
 * exactly as an unknown id: the answer never confirms that someone else's session exists.
 */
export class EndSession {
  constructor(private readonly sessions: SessionStore) {}

  async execute(input: EndSessionInput): Promise<void> {
    if (!(await this.sessions.end(input.userId, input.sessionId))) throw new SessionNotFound();
  }
}
