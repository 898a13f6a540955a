import type { UserNotFound } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { SessionStore } from "../ports/SessionStore.js";
import { findAccount, type AccountRef } from "./sessions/AccountRef.js";

export interface RevokeSessionsInput {
  account: AccountRef;
  /** The session to keep (the caller's own, for "sign out everywhere else"); none for an operator's revoke-all. */
  keepSessionId?: string | undefined;
}

export interface RevokeSessionsOutput {
  ended: number;
}

export type RevokeSessionsError = UserNotFound;

export class RevokeSessions {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionStore,
  ) {}

  async execute(input: RevokeSessionsInput): Promise<RevokeSessionsOutput> {
    const user = await findAccount(this.users, input.account);
    return { ended: await this.sessions.endAll(user.id, input.keepSessionId) };
  }
}
