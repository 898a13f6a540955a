import type { DomainEvent } from "../shared/DomainEvent.js";

export interface UserEventData {
  userId: string;
  email: string;
  firstName: string;
}

export type UserSignedUp = DomainEvent<"user:signup", UserEventData>;
export type UserPasswordChanged = DomainEvent<"user:password-changed", UserEventData>;
export type UserEvent = UserSignedUp | UserPasswordChanged;

export const USER_EVENT_TYPES = ["user:signup", "user:password-changed"] as const;
