import type { DomainEvent } from "../shared/DomainEvent.js";

export interface UserEventData {
  userId: string;
  email: string;
  firstName: string;
}

/** Event types are also the bus channels: each name is written here once and referenced everywhere else. */
export const USER_SIGNED_UP = "user:signup";
export const USER_PASSWORD_CHANGED = "user:password-changed";
// Account recovery and proof of address (issue 11).
export const USER_EMAIL_VERIFICATION_REQUESTED = "user:email-verification-requested";
/** Raised by the undo of an email change (through the outbox) and by POST /password/forgot (straight to the bus). */
export const USER_PASSWORD_RESET_REQUESTED = "user:password-reset-requested";
export const USER_PASSWORD_RESET = "user:password-reset";
export const USER_EMAIL_CHANGE_REQUESTED = "user:email-change-requested";
export const USER_EMAIL_CHANGED = "user:email-changed";

export interface EmailChangeRequestedData extends UserEventData {
  newEmail: string;
}
export interface EmailChangedData extends UserEventData {
  /** The address the undo link goes to: the one from before the change (or before the first change of an open undo window). */
  previousEmail: string;
}

// Account deletion (issue 12).
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

// Sessions (issue 12).
/** A login from a browser and IP that none of the user's live sessions had. */
export const USER_SIGNED_IN_FROM_NEW_DEVICE = "user:new-sign-in";

export interface NewSignInData extends UserEventData {
  sessionId: string;
  userAgent: string;
  ip: string;
}

export type UserSignedUp = DomainEvent<typeof USER_SIGNED_UP, UserEventData>;
export type UserPasswordChanged = DomainEvent<typeof USER_PASSWORD_CHANGED, UserEventData>;
export type UserEmailVerificationRequested = DomainEvent<typeof USER_EMAIL_VERIFICATION_REQUESTED, UserEventData>;
export type UserPasswordResetRequested = DomainEvent<typeof USER_PASSWORD_RESET_REQUESTED, UserEventData>;
export type UserPasswordReset = DomainEvent<typeof USER_PASSWORD_RESET, UserEventData>;
export type UserEmailChangeRequested = DomainEvent<typeof USER_EMAIL_CHANGE_REQUESTED, EmailChangeRequestedData>;
export type UserEmailChanged = DomainEvent<typeof USER_EMAIL_CHANGED, EmailChangedData>;
export type UserDeletionRequested = DomainEvent<typeof USER_DELETION_REQUESTED, UserDeletionRequestedData>;
export type UserDeleted = DomainEvent<typeof USER_DELETED, UserDeletedData>;
export type UserSignedInFromNewDevice = DomainEvent<typeof USER_SIGNED_IN_FROM_NEW_DEVICE, NewSignInData>;
export type UserEvent =
  | UserSignedUp
  | UserPasswordChanged
  | UserEmailVerificationRequested
  | UserPasswordResetRequested
  | UserPasswordReset
  | UserEmailChangeRequested
  | UserEmailChanged
  | UserDeletionRequested
  | UserDeleted
  | UserSignedInFromNewDevice;

export const USER_EVENT_TYPES = [
  USER_SIGNED_UP,
  USER_PASSWORD_CHANGED,
  USER_EMAIL_VERIFICATION_REQUESTED,
  USER_PASSWORD_RESET_REQUESTED,
  USER_PASSWORD_RESET,
  USER_EMAIL_CHANGE_REQUESTED,
  USER_EMAIL_CHANGED,
  USER_DELETION_REQUESTED,
  USER_DELETED,
  USER_SIGNED_IN_FROM_NEW_DEVICE,
] as const;

/** Raised by the erasure job, not by an entity: after erasure there is no entity left to record it. */
export function userDeleted(userId: string, erasedAt: Date): UserDeleted {
  return { type: USER_DELETED, occurredAt: erasedAt, data: { userId, erasedAt: erasedAt.toISOString() } };
}
