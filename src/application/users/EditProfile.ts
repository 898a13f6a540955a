import type { ProfileChanges } from "../../domain/users/User.js";
import { UserModifiedConcurrently, UserNotFound } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import { toPublicUser, type PublicUser } from "./views/PublicUser.js";

export interface EditProfileInput {
  userId: string;
  changes: ProfileChanges;
}

export type EditProfileError = UserNotFound | UserModifiedConcurrently;

const ATTEMPTS = 3;

export class EditProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: EditProfileInput): Promise<PublicUser> {
    // The changes do not depend on what was read, so reapplying them to fresh state is safe.
    for (let attempt = 1; ; attempt++) {
      const user = await this.users.findById(input.userId);
      if (!user) throw new UserNotFound();
      user.editProfile(input.changes, this.clock.now());
      try {
        await this.users.update(user);
        return toPublicUser(user);
      } catch (error) {
        if (!(error instanceof UserModifiedConcurrently) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
