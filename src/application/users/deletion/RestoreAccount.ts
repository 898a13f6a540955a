import { InvalidEmailedToken, UserModifiedConcurrently } from "../../../domain/users/UserErrors.js";
import type { UserRepository } from "../../../domain/users/UserRepository.js";
import type { Clock } from "../../ports/Clock.js";
import type { EmailedTokens } from "../../ports/EmailedTokens.js";

export interface RestoreAccountInput {
  /** The token from the restore link of the deletion notice. */
  token: string;
}

export type RestoreAccountError = InvalidEmailedToken | UserModifiedConcurrently;

/** A concurrent profile write cannot happen on a disabled account; this only absorbs a freak race, not a loop. */
const ATTEMPTS = 3;

/**
 * Cancels a pending deletion with the emailed restore token: the account is enabled again and the owner logs in
 * (the sessions ended by the deletion stay ended). Unknown, used, expired and other-purpose tokens, and an account
 * already erased or no longer pending, all get the same INVALID_TOKEN.
 */
export class RestoreAccount {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: EmailedTokens,
    private readonly clock: Clock,
  ) {}

  async execute(input: RestoreAccountInput): Promise<void> {
    const grant = await this.tokens.consume("restore-account", input.token);
    if (!grant) throw new InvalidEmailedToken();
    for (let attempt = 1; ; attempt++) {
      const user = await this.users.findById(grant.userId);
      const now = this.clock.now();
      // Past the due date the erasure job may be running right now: the deletion stands.
      if (!user?.deletion || user.deletion.eraseAfter <= now) throw new InvalidEmailedToken();
      user.cancelDeletion(now);
      try {
        await this.users.update(user);
        return;
      } catch (error) {
        if (!(error instanceof UserModifiedConcurrently) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
