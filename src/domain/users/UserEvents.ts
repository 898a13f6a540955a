import type { DomainEvent } from "../shared/DomainEvent.js";

export interface UserEventData {
  userId: string;
  email: string;
  firstName: string;
}

/** Event types are also the bus channels: each name is written here once and referenced everywhere else. */
export const USER_SIGNED_UP = "user:signup";
export const USER_PASSWORD_CHANGED = "user:password-changed";
/** The owner asked to delete the account: it is disabled, and the notice with the restore link goes out. */
export const USER_DELETION_REQUESTED = "user:deletion-requested";
/** The account was erased after its grace period: for other consumers. Carries no personal data, only the id. */
export const USER_DELETED = "user:deleted";

export interface UserDeletionRequestedData extends UserEventData {
  /** ISO 8601: when the erasure becomes due; the restore link works until then. */
  eraseAfter: string;
}

export interface UserDeletedData {
  userId: string;
  /** ISO 8601. */
  erasedAt: string;
}

export type UserSignedUp = DomainEvent<typeof USER_SIGNED_UP, UserEventData>;
export type UserPasswordChanged = DomainEvent<typeof USER_PASSWORD_CHANGED, UserEventData>;
export type UserDeletionRequested = DomainEvent<typeof USER_DELETION_REQUESTED, UserDeletionRequestedData>;
export type UserDeleted = DomainEvent<typeof USER_DELETED, UserDeletedData>;
export type UserEvent = UserSignedUp | UserPasswordChanged | UserDeletionRequested | UserDeleted;

export const USER_EVENT_TYPES = [USER_SIGNED_UP, USER_PASSWORD_CHANGED, USER_DELETION_REQUESTED, USER_DELETED] as const;

/** Raised by the erasure job, not by an entity: after erasure there is no entity left to record it. */
export function userDeleted(userId: string, erasedAt: Date): UserDeleted {
  return { type: USER_DELETED, occurredAt: erasedAt, data: { userId, erasedAt: erasedAt.toISOString() } };
}
