import type { DomainEvent } from "../shared/DomainEvent.js";

export interface UserEventData {
  userId: string;
  email: string;
  firstName: string;
}

/** Event types are also the bus channels: each name is written here once and referenced everywhere else. */
export const USER_SIGNED_UP = "user:signup";
export const USER_PASSWORD_CHANGED = "user:password-changed";
/** A login from a browser and IP that none of the user's live sessions had. */
export const USER_SIGNED_IN_FROM_NEW_DEVICE = "user:new-sign-in";

export interface NewSignInData extends UserEventData {
  sessionId: string;
  userAgent: string;
  ip: string;
}

export type UserSignedUp = DomainEvent<typeof USER_SIGNED_UP, UserEventData>;
export type UserPasswordChanged = DomainEvent<typeof USER_PASSWORD_CHANGED, UserEventData>;
export type UserSignedInFromNewDevice = DomainEvent<typeof USER_SIGNED_IN_FROM_NEW_DEVICE, NewSignInData>;
export type UserEvent = UserSignedUp | UserPasswordChanged | UserSignedInFromNewDevice;

export const USER_EVENT_TYPES = [USER_SIGNED_UP, USER_PASSWORD_CHANGED, USER_SIGNED_IN_FROM_NEW_DEVICE] as const;
