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
}
