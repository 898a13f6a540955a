import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { SessionStore } from "../ports/SessionStore.js";
import { InvalidToken, type TokenService } from "../ports/TokenService.js";
import { dueForTouch, expiryAfterUse, type SessionPolicy } from "./sessions/SessionPolicy.js";

export interface AuthenticateInput {
  token: string;
}

export interface AuthenticatedSession {
  userId: string;
  sessionId: string;
  /** When the session ends if unused from now on. */
  expiresAt: Date;
  /** This request moved the expiry: the caller may renew the cookie (sliding, never past the absolute limit). */
  renewed: boolean;
}

export type AuthenticateError = InvalidToken;

/**
 * Turns a bearer token into a live session: signed by us, unexpired, its session record still there (not logged out,
 * ended from another device or by an operator, idle or past its absolute lifetime) and not ended by a sessionVersion
 * bump (password change, reset, deletion). One token check, one session lookup (one Redis GET), then the user lookup,
 * in turn: an ended session costs no user lookup, and two awaits cost less CPU than Promise.all on the in-memory
 * default. Last seen is written at most once a minute and not waited for.
 */
export class Authenticate {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
    private readonly users: UserRepository,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
  ) {}

  async execute(input: AuthenticateInput): Promise<AuthenticatedSession> {
    const claims = await this.tokens.verify(input.token);
    const session = await this.sessions.find(claims.userId, claims.sessionId);
    if (!session) throw new InvalidToken("Session has ended; log in again");
    const user = await this.users.findById(claims.userId);
    if (!user || user.sessionVersion !== claims.sessionVersion || session.sessionVersion !== user.sessionVersion)
      throw new InvalidToken("Session has ended; log in again");
    const now = this.clock.now();
    if (!dueForTouch(session, now)) return { userId: user.id, sessionId: session.id, expiresAt: session.expiresAt, renewed: false };
    const expiresAt = expiryAfterUse(now, session.absoluteExpiresAt, this.policy);
    // Not awaited: a lost last-seen write costs at most a minute of idle time, never a failed request.
    this.sessions.touch(user.id, session.id, now, expiresAt).catch(() => undefined);
    return { userId: user.id, sessionId: session.id, expiresAt, renewed: true };
  }
}
