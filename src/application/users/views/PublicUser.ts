import type { User, UserProfile } from "../../../domain/users/User.js";

/** What a user may see of their account: never the hash, never internal counters. */
export interface PublicUser extends UserProfile {
  id: string;
  email: string;
  createdAt: string;
  updatedAt: string;
}

export function toPublicUser(user: User): PublicUser {
  const { id, email, profile: p, createdAt, updatedAt } = user.toState();
  return {
    id,
    email,
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
