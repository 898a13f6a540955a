import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { User, type UserProfile, type UserState } from "../../domain/users/User.js";

/** Profile fields sit at the top level of the document, next to the account fields. */
export interface UserDocument extends UserProfile {
  _id: string;
  email: string;
  passwordHash: string;
  sessionVersion: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  // Issue 11; absent on documents written before it, read as null.
  emailVerifiedAt?: Date | null;
  pendingEmail?: string | null;
  undoEmail?: string | null;
  undoEmailUntil?: Date | null;
  /** Transactional outbox: events saved in the same single-document write as the user, removed once on the bus. */
  outbox?: EventMessage[];
}

export function toDocument(state: UserState): UserDocument {
  const { id, profile, ...rest } = state;
  return { _id: id, ...rest, ...profile };
}

export function toEntity(doc: UserDocument): User {
  return User.restore({
    id: doc._id,
    email: doc.email,
    passwordHash: doc.passwordHash,
    profile: {
      firstName: doc.firstName,
      lastName: doc.lastName,
      age: doc.age,
      gender: doc.gender,
      about: doc.about,
      skills: doc.skills,
      photoUrl: doc.photoUrl,
    },
    sessionVersion: doc.sessionVersion,
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    emailVerifiedAt: doc.emailVerifiedAt ?? null,
    pendingEmail: doc.pendingEmail ?? null,
    undoEmail: doc.undoEmail ?? null,
    undoEmailUntil: doc.undoEmailUntil ?? null,
  });
}
