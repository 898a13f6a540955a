import { Email } from "../../../domain/users/Email.js";
import type { User } from "../../../domain/users/User.js";
import { UserNotFound } from "../../../domain/users/UserErrors.js";
import type { UserRepository } from "../../../domain/users/UserRepository.js";

/** Whose sessions: the signed-in caller (by id) or, for operators on the command line, an account by email. */
export type AccountRef = { userId: string } | { email: string };

export async function findAccount(users: UserRepository, ref: AccountRef): Promise<User> {
  const user = "userId" in ref ? await users.findById(ref.userId) : await users.findByEmail(Email.normalise(ref.email));
  if (!user) throw new UserNotFound();
  return user;
}
