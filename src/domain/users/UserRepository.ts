import type { EventMessage } from "../shared/EventMessage.js";
import type { User } from "./User.js";

export interface UserRepository {
  /**
   * Throws EmailTaken when the normalised email already exists.
   * `outbox` is stored in the same atomic write as the user (transactional outbox): both or neither.
   */
  add(user: User, outbox?: readonly EventMessage[]): Promise<void>;
  /** Optimistic: writes only while the stored version still equals `user.version`, then stores version + 1; otherwise throws UserModifiedConcurrently. `outbox` is appended atomically, as in `add`. */
  update(user: User, outbox?: readonly EventMessage[]): Promise<void>;
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /** Ids of accounts whose deletion grace period ended at or before `now`, oldest due first, at most `limit`. */
  findDueForErasure(now: Date, limit: number): Promise<string[]>;
  /**
   * Erases the account if, at the moment of the write, its deletion is still pending and due (`eraseAfter <= now`):
   * one atomic conditional write that drops every personal field (the address becomes free for a new signup) and
   * stores `outbox` with it. True for the one call that erased it; false when it was restored, not due, already
   * erased (by this or another worker) or unknown. Erased accounts are never found again by id or email.
   */
  erase(userId: string, now: Date, outbox?: readonly EventMessage[]): Promise<boolean>;
}
