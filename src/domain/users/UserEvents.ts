import type { DomainEvent } from "../shared/DomainEvent.js";

export interface UserEventData {
  userId: string;
  email: string;
  firstName: string;
}

/** Event types are also the bus channels: each name is written here once and referenced everywhere else. */
export const USER_SIGNED_UP = "user:signup";
export const USER_PASSWORD_CHANGED = "user:password-changed";

export type UserSignedUp = DomainEvent<typeof USER_SIGNED_UP, UserEventData>;
export type UserPasswordChanged = DomainEvent<typeof USER_PASSWORD_CHANGED, UserEventData>;
export type UserEvent = UserSignedUp | UserPasswordChanged;

export const USER_EVENT_TYPES = [USER_SIGNED_UP, USER_PASSWORD_CHANGED] as const;
