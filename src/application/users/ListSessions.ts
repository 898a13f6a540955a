import type { UserNotFound } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { SessionStore } from "../ports/SessionStore.js";
import { findAccount, type AccountRef } from "./sessions/AccountRef.js";
import { toSessionView, type SessionView } from "./views/SessionView.js";

export interface ListSessionsInput {
  account: AccountRef;
  /** The caller's own session, flagged `current`. */
  currentSessionId?: string | undefined;
}

export interface ListSessionsOutput {
  sessions: SessionView[];
}

export type ListSessionsError = UserNotFound;

/** The account's live sessions, most recent login first. Sessions of an older sessionVersion are dead and not shown. */
export class ListSessions {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionStore,
  ) {}

  async execute(input: ListSessionsInput): Promise<ListSessionsOutput> {
    const user = await findAccount(this.users, input.account);
    const live = (await this.sessions.listByUser(user.id)).filter((s) => s.sessionVersion === user.sessionVersion);
    return { sessions: live.reverse().map((s) => toSessionView(s, input.currentSessionId)) };
  }
}
