import { UserNotFound } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import { toPublicUser, type PublicUser } from "./views/PublicUser.js";

export interface ViewProfileInput {
  userId: string;
}

export type ViewProfileError = UserNotFound;

export class ViewProfile {
  constructor(private readonly users: UserRepository) {}

  async execute(input: ViewProfileInput): Promise<PublicUser> {
    const user = await this.users.findById(input.userId);
    if (!user) throw new UserNotFound();
    return toPublicUser(user);
  }
}
