import type { SessionRevocations } from "../ports/SessionRevocations.js";
import type { TokenService } from "../ports/TokenService.js";
import { endSession } from "./sessions/endSession.js";

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

  /** Logging out is always allowed: with no live session there is simply nothing to end. */
  async execute(input: LogoutInput): Promise<void> {
    await endSession(this.tokens, this.revocations, input.token);
  }
}
