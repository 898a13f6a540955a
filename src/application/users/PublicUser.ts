import type { Gender, User } from "../../domain/users/User.js";

/** What a user may see of their account: never the hash, never internal counters. */
export interface PublicUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string | null;
  age: number | null;
  gender: Gender | null;
  about: string | null;
  skills: string[];
  photoUrl: string | null;
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
