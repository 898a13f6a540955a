import { EventRecorder } from "../shared/DomainEvent.js";
import type { Email } from "./Email.js";
import { USER_PASSWORD_CHANGED, USER_SIGNED_IN_FROM_NEW_DEVICE, USER_SIGNED_UP, type UserEventData } from "./UserEvents.js";

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

export interface UserState {
  id: string;
  email: string;
  passwordHash: string;
  profile: UserProfile;
  /** Bumped when every existing session must end (password change). Tokens carry it. */
  sessionVersion: number;
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

  /** Nothing about the user changes; the event is stored with the user (outbox) so the notice goes out exactly once. */
  signedInFromNewDevice(session: { sessionId: string; userAgent: string; ip: string }, now: Date): void {
    this.record({ type: USER_SIGNED_IN_FROM_NEW_DEVICE, occurredAt: now, data: { ...this.eventData(), ...session } });
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
 * the state three times. Every field is a primitive except these four: a new nested field must be copied here too.
 */
function copyState(s: UserState): UserState {
  return { ...s, profile: { ...s.profile, skills: [...s.profile.skills] }, createdAt: new Date(s.createdAt), updatedAt: new Date(s.updatedAt) };
}
