import { InvalidEmailedToken, type UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { Clock } from "../ports/Clock.js";
import type { EmailedTokens } from "../ports/EmailedTokens.js";

export interface VerifyEmailInput {
  token: string;
}

export interface VerifyEmailOutput {
  email: string;
}

export type VerifyEmailError = InvalidEmailedToken | UserModifiedConcurrently;

/** The link's token proves the address it was sent to; it counts only while that is still the account's address. */
export class VerifyEmail {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: EmailedTokens,
    private readonly clock: Clock,
  ) {}

  async execute(input: VerifyEmailInput): Promise<VerifyEmailOutput> {
    const grant = await this.tokens.consume("verify-email", input.token);
    if (!grant) throw new InvalidEmailedToken();
    const user = await this.users.findById(grant.userId);
    if (!user || user.email !== grant.email) throw new InvalidEmailedToken();
    user.verifyEmail(this.clock.now());
    await this.users.update(user);
    return { email: user.email };
  }
}
