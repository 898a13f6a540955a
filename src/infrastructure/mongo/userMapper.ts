import type { EventMessage } from "../../domain/shared/EventMessage.js";
import { User, type PendingDeletion, type UserProfile, type UserState } from "../../domain/users/User.js";

/** Profile fields sit at the top level of the document, next to the account fields. */
export interface UserDocument extends UserProfile {
  _id: string;
  email: string;
  passwordHash: string;
  sessionVersion: number;
  /** Absent on documents written before account deletion existed: read as null. */
  deletion?: PendingDeletion | null;
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

/**
 * What an erased account leaves behind (see README, "What deletion erases and what it keeps"): the id, when it was
 * erased, and the user:deleted event until the relay has published it. `email` is a placeholder that no address
 * can equal, only because the unique email index counts a missing field as one shared null. No `version`: a write
 * prepared from an earlier read (`update` matches on version) can never land on a tombstone.
 */
export interface ErasedUserDocument {
  _id: string;
  email: string;
  erasedAt: Date;
  outbox: EventMessage[];
}

export const erasedEmail = (id: string) => `erased:${id}`;

export const isErased = (doc: UserDocument | ErasedUserDocument): doc is ErasedUserDocument => "erasedAt" in doc;

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
    deletion: doc.deletion ?? null,
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    emailVerifiedAt: doc.emailVerifiedAt ?? null,
    pendingEmail: doc.pendingEmail ?? null,
    undoEmail: doc.undoEmail ?? null,
    undoEmailUntil: doc.undoEmailUntil ?? null,
  });
}
