import { User, type UserState } from "../../domain/users/User.js";
import { EmailTaken, UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";

/** Stores copies of entity state, never the entities, so callers cannot mutate what is stored. */
export class InMemoryUserRepository implements UserRepository {
  readonly #byId = new Map<string, UserState>();
  readonly #idByEmail = new Map<string, string>();

  async add(user: User): Promise<void> {
    if (this.#idByEmail.has(user.email)) throw new EmailTaken();
    const state = user.toState();
    this.#byId.set(state.id, state);
    this.#idByEmail.set(state.email, state.id);
  }

  async update(user: User): Promise<void> {
    const stored = this.#byId.get(user.id);
    if (!stored || stored.version !== user.version) throw new UserModifiedConcurrently();
    this.#byId.set(user.id, { ...user.toState(), version: user.version + 1 });
  }

  async findById(id: string): Promise<User | null> {
    const state = this.#byId.get(id);
    return state ? User.restore(state) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const id = this.#idByEmail.get(email);
    return id === undefined ? null : this.findById(id);
  }
}
