import type { User, UserProfile } from "../../../domain/users/User.js";

/** What a user may see of their account: never the hash, never internal counters. */
export interface PublicUser extends UserProfile {
  id: string;
  email: string;
  emailVerified: boolean;
  /** When the address was proven; null while unverified. */
  emailVerifiedAt: string | null;
  /** An address waiting for confirmation from its own inbox, or null. */
  pendingEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toPublicUser(user: User): PublicUser {
  const { id, email, profile: p, createdAt, updatedAt, emailVerifiedAt, pendingEmail } = user.toState();
  return {
    id,
    email,
    emailVerified: emailVerifiedAt !== null,
    emailVerifiedAt: emailVerifiedAt?.toISOString() ?? null,
    pendingEmail,
    firstName: p.firstName,
    lastName: p.lastName,
    age: p.age,
    gender: p.gender,
    about: p.about,
    skills: p.skills,
    photoUrl: p.photoUrl,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}
