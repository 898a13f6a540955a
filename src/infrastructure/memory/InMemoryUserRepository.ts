import type { OutboxStore, PendingMessage } from "../../application/ports/OutboxStore.js";
import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { User, type UserState } from "../../domain/users/User.js";
import { EmailTaken, UserModifiedConcurrently } from "../../domain/users/UserErrors.js";
import type { UserRepository } from "../../domain/users/UserRepository.js";

/** Stores copies of entity state, never the entities, so callers cannot mutate what is stored. */
export class InMemoryUserRepository implements UserRepository, OutboxStore {
  readonly #byId = new Map<string, UserState>();
  readonly #idByEmail = new Map<string, string>();
  /** Keyed by message id; a Map keeps insertion order, which is the order the relay must publish in. */
  readonly #outbox = new Map<string, PendingMessage>();

  async add(user: User, outbox: readonly EventMessage[] = []): Promise<void> {
    if (this.#idByEmail.has(user.email)) throw new EmailTaken();
    const state = user.toState();
    this.#byId.set(state.id, state);
    this.#idByEmail.set(state.email, state.id);
    this.#enqueue(state.id, outbox);
  }

  async update(user: User, outbox: readonly EventMessage[] = []): Promise<void> {
    const stored = this.#byId.get(user.id);
    if (!stored || stored.version !== user.version) throw new UserModifiedConcurrently();
    if (stored.email !== user.email) {
      // An email change: the new address must be free, like a unique index would demand.
      if (this.#idByEmail.has(user.email)) throw new EmailTaken();
      this.#idByEmail.delete(stored.email);
      this.#idByEmail.set(user.email, user.id);
    }
    this.#byId.set(user.id, { ...user.toState(), version: user.version + 1 });
    this.#enqueue(user.id, outbox);
  }

  /** Reads only the first `limit` entries: a large backlog (Redis down) must not make every relay pass copy it all. */
  async pending(limit: number): Promise<PendingMessage[]> {
    const batch: PendingMessage[] = [];
    for (const p of this.#outbox.values()) {
      if (batch.length >= limit) break;
      batch.push(structuredClone(p));
    }
    return batch;
  }

  async markSent(sent: PendingMessage[]): Promise<void> {
    for (const { message } of sent) this.#outbox.delete(message.id);
  }

  async countPending(): Promise<number> {
    return this.#outbox.size;
  }

  #enqueue(ownerId: string, messages: readonly EventMessage[]): void {
    for (const message of messages) this.#outbox.set(message.id, { ownerId, message: structuredClone(message) });
  }

  async findById(id: string): Promise<User | null> {
    const state = this.#byId.get(id);
    return state ? User.restore(state) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const id = this.#idByEmail.get(email);
    return id === undefined ? null : this.findById(id);
  }

  async findDueForErasure(now: Date, limit: number): Promise<string[]> {
    const due: Array<{ id: string; at: number }> = [];
    for (const s of this.#byId.values()) if (s.deletion && s.deletion.eraseAfter <= now) due.push({ id: s.id, at: s.deletion.eraseAfter.getTime() });
    return due.sort((a, b) => a.at - b.at).slice(0, limit).map((d) => d.id);
  }

  /** Check and delete run without an await in between: one erasure however many callers race. */
  async erase(userId: string, now: Date, outbox: readonly EventMessage[] = []): Promise<boolean> {
    const state = this.#byId.get(userId);
    if (!state?.deletion || state.deletion.eraseAfter > now) return false;
    this.#byId.delete(userId);
    this.#idByEmail.delete(state.email);
    // Messages still waiting carry the address and name: they go with the rest of the personal data.
    for (const [id, p] of this.#outbox) if (p.ownerId === userId) this.#outbox.delete(id);
    this.#enqueue(userId, outbox);
    return true;
  }
}
