/** One signed-in device: what the user sees in GET /sessions, and what every authenticated request checks. */
export interface SessionRecord {
  id: string;
  userId: string;
  /** The user's sessionVersion when the session began: bumping it (password change, reset, deletion) ends the session. */
  sessionVersion: number;
  createdAt: Date;
  /** Updated at most once a minute, so a busy client does not write on every request. */
  lastSeenAt: Date;
  /** When the session ends unless used again: last seen + idle timeout, never past `absoluteExpiresAt`. */
  expiresAt: Date;
  /** Created + absolute lifetime: no amount of use keeps a session alive past this. */
  absoluteExpiresAt: Date;
  /** The User-Agent header, trimmed (see deviceLabel). */
  userAgent: string;
  ip: string;
}

/**
 * Where sessions live. Records are forgotten once `expiresAt` has passed (a store may keep the bytes a little longer
 * but never returns them). Every method is addressed by user id too, so a store can keep one user's sessions together
 * (one Redis Cluster hash slot) and a session id alone never reaches another user's session.
 */
export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  /** The live session, or null: the one lookup on every authenticated request. */
  find(userId: string, sessionId: string): Promise<SessionRecord | null>;
  /** Records a use; does nothing if the session has ended meanwhile (never brings one back). */
  touch(userId: string, sessionId: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  /** The user's live sessions, oldest first. */
  listByUser(userId: string): Promise<SessionRecord[]>;
  /** Ends one session; false when there was no such live session of this user. */
  end(userId: string, sessionId: string): Promise<boolean>;
  /**
   * Ends every session of the user except `keep`, returns how many ended. Flows that end every session (password
   * reset, email-change undo, account deletion) call this besides bumping the user's sessionVersion.
   */
  endAll(userId: string, keep?: string): Promise<number>;
}
