import { EventRecorder } from "../shared/DomainEvent.js";
import type { Email } from "./Email.js";
import { USER_DELETION_REQUESTED, USER_PASSWORD_CHANGED, USER_SIGNED_UP, type UserEventData } from "./UserEvents.js";

export const GENDERS = ["female", "male", "non-binary", "other", "prefer-not-to-say"] as const;
export type Gender = (typeof GENDERS)[number];

export interface UserProfile {
  firstName: string;
  lastName: string | null;
  age: number | null;
  gender: Gender | null;
  about: string | null;
  skills: string[];
  photoUrl: string | null;
}

export type ProfileChanges = Partial<UserProfile>;

/** A deletion the owner asked for: the account is disabled until `eraseAfter`, then erased unless restored. */
export interface PendingDeletion {
  requestedAt: Date;
  eraseAfter: Date;
}

export interface UserState {
  id: string;
  email: string;
  passwordHash: string;
  profile: UserProfile;
  /** Bumped when every existing session must end (password change). Tokens carry it. */
  sessionVersion: number;
  /** Account deletion (issue 12): non-null while a deletion waits out its grace period; the account is disabled meanwhile. */
  deletion: PendingDeletion | null;
  /** Optimistic-lock counter, owned by the repository. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Registration {
  id: string;
  email: Email;
  passwordHash: string;
  profile: Pick<UserProfile, "firstName"> & Partial<UserProfile>;
  now: Date;
}

export class User extends EventRecorder {
  private constructor(private state: UserState) {
    super();
  }

  static register({ id, email, passwordHash, profile, now }: Registration): User {
    const user = new User({
      id,
      email: email.value,
      passwordHash,
      profile: { lastName: null, age: null, gender: null, about: null, skills: [], photoUrl: null, ...profile },
      sessionVersion: 0,
      deletion: null,
      version: 0,
      createdAt: now,
      updatedAt: now,
    });
    user.record({ type: USER_SIGNED_UP, occurredAt: now, data: user.eventData() });
    return user;
  }

  static restore(state: UserState): User {
    return new User(copyState(state));
  }

  get id(): string {
    return this.state.id;
  }
  get email(): string {
    return this.state.email;
  }
  get passwordHash(): string {
    return this.state.passwordHash;
  }
  get sessionVersion(): number {
    return this.state.sessionVersion;
  }
  get version(): number {
    return this.state.version;
  }
  get profile(): Readonly<UserProfile> {
    return this.state.profile;
  }
  get deletion(): Readonly<PendingDeletion> | null {
    return this.state.deletion;
  }
  /** A disabled account cannot log in; it waits for erasure or a restore. */
  get disabled(): boolean {
    return this.state.deletion !== null;
  }

  editProfile(changes: ProfileChanges, now: Date): void {
    this.state.profile = { ...this.state.profile, ...changes };
    this.state.updatedAt = now;
  }

  changePassword(passwordHash: string, now: Date): void {
    this.state.passwordHash = passwordHash;
    this.state.sessionVersion += 1;
    this.state.updatedAt = now;
    this.record({ type: USER_PASSWORD_CHANGED, occurredAt: now, data: this.eventData() });
  }

  /** Disables the account at once: the session version bump ends every session on every device. */
  requestDeletion(now: Date, eraseAfter: Date): void {
    this.state.deletion = { requestedAt: now, eraseAfter };
    this.state.sessionVersion += 1;
    this.state.updatedAt = now;
    this.record({ type: USER_DELETION_REQUESTED, occurredAt: now, data: { ...this.eventData(), eraseAfter: eraseAfter.toISOString() } });
  }

  /** Re-enables the account; the owner logs in again (the sessions ended at the request stay ended). */
  cancelDeletion(now: Date): void {
    this.state.deletion = null;
    this.state.updatedAt = now;
  }

  toState(): UserState {
    return copyState(this.state);
  }

  private eventData(): UserEventData {
    return { userId: this.state.id, email: this.state.email, firstName: this.state.profile.firstName };
  }
}

/**
 * A deep copy by hand: structuredClone costs ~5 µs here against ~0.2 µs, and an authenticated request copies
 * the state three times. Every field is a primitive except these five: a new nested field must be copied here too.
 */
function copyState(s: UserState): UserState {
  return {
    ...s,
    profile: { ...s.profile, skills: [...s.profile.skills] },
    deletion: s.deletion && { requestedAt: new Date(s.deletion.requestedAt), eraseAfter: new Date(s.deletion.eraseAfter) },
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
  };
}
