import type { SessionStore } from "../ports/SessionStore.js";
import type { TokenService } from "../ports/TokenService.js";
import { endPresentedSession } from "./sessions/endPresentedSession.js";

export interface LogoutInput {
  /** The session token the client presented, if any. */
  token: string | null;
}

export type LogoutError = never;

export class Logout {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
  ) {}

  /** Logging out is always allowed: with no live session there is simply nothing to end. The record is deleted. */
  async execute(input: LogoutInput): Promise<void> {
    await endPresentedSession(this.tokens, this.sessions, input.token);
  }
}
