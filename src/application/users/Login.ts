import { Email } from "../../domain/users/Email.js";
import { EmailNotVerified, InvalidCredentials } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { PasswordHasher } from "../ports/PasswordHasher.js";
import type { SessionRevocations } from "../ports/SessionRevocations.js";
import type { IssuedToken, TokenService } from "../ports/TokenService.js";
import { endSession } from "./sessions/endSession.js";
import { toPublicUser, type PublicUser } from "./views/PublicUser.js";

export interface LoginInput {
  email: string;
  password: string;
  /** The session token this client already holds (cookie or Bearer), if any. */
  previousToken?: string | null | undefined;
}

export interface LoginOutput {
  user: PublicUser;
  session: IssuedToken;
}

export type LoginError = InvalidCredentials | EmailNotVerified;

export class Login {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocations,
    /** REQUIRE_VERIFIED_EMAIL: an unverified address may not log in (said only to whoever knows the password). */
    private readonly requireVerifiedEmail = false,
  ) {}

  async execute(input: LoginInput): Promise<LoginOutput> {
    const user = await this.users.findByEmail(Email.normalise(input.email));
    // An unknown email still pays for one bcrypt comparison, so timing does not reveal which accounts exist.
    const hash = user?.passwordHash ?? (await this.hasher.dummyHash());
    const matches = await this.hasher.verify(input.password.normalize("NFC"), hash);
    // A disabled account (deletion pending) gets the wrong-password answer, after the same bcrypt comparison.
    if (!user || !matches || user.disabled) throw new InvalidCredentials();
    if (this.requireVerifiedEmail && !user.emailVerifiedAt) throw new EmailNotVerified();
    // The client replaces the session it holds, whoever it belonged to: a copy of the older token (another tab, a
    // proxy log, a stolen cookie) stops working too. Only a successful login does this.
    await endSession(this.tokens, this.revocations, input.previousToken);
    const session = await this.tokens.issue({ userId: user.id, sessionVersion: user.sessionVersion });
    return { user: toPublicUser(user), session };
  }
}
