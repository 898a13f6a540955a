import type { User } from "./User.js";

export interface UserRepository {
  /** Throws EmailTaken when the normalised email already exists. */
  add(user: User): Promise<void>;
  /** Optimistic: writes only while the stored version still equals `user.version`, then stores version + 1; otherwise throws UserModifiedConcurrently. */
  update(user: User): Promise<void>;
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
}
