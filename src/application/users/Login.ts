import { Email } from "../../domain/users/Email.js";
import { InvalidCredentials } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";
import type { PasswordHasher } from "../ports/PasswordHasher.js";
import type { IssuedToken, TokenService } from "../ports/TokenService.js";
import { toPublicUser, type PublicUser } from "./views/PublicUser.js";

export interface LoginInput {
  email: string;
  password: string;
}

export interface LoginOutput {
  user: PublicUser;
  session: IssuedToken;
}

export type LoginError = InvalidCredentials;

export class Login {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async execute(input: LoginInput): Promise<LoginOutput> {
    const user = await this.users.findByEmail(Email.normalise(input.email));
    // An unknown email still pays for one bcrypt comparison, so timing does not reveal which accounts exist.
    const hash = user?.passwordHash ?? (await this.hasher.dummyHash());
    const matches = await this.hasher.verify(input.password.normalize("NFC"), hash);
    if (!user || !matches) throw new InvalidCredentials();
    const session = await this.tokens.issue({ userId: user.id, sessionVersion: user.sessionVersion });
    return { user: toPublicUser(user), session };
  }
}
