import { instanceCachingFactory, type DependencyContainer, type InjectionToken } from "./container.js";
import { SendNewSignInNoticeOnUserSignedInFromNewDevice } from "../application/notifications/SendNewSignInNoticeOnUserSignedInFromNewDevice.js";
import { SendPasswordChangedNoticeOnUserPasswordChanged } from "../application/notifications/SendPasswordChangedNoticeOnUserPasswordChanged.js";
import { SendWelcomeEmailOnUserSignedUp } from "../application/notifications/SendWelcomeEmailOnUserSignedUp.js";
import type { FeatureModule } from "./runtime.js";
import { MAILER, SEND_LEDGER } from "./tokens.js";

/** Every event-triggered use-case; the worker subscribes each to the channel its event type names. */
export function notificationHandlers(c: DependencyContainer) {
  const r = <T>(token: InjectionToken<T>) => c.resolve(token);
  return [
    new SendWelcomeEmailOnUserSignedUp(r(MAILER), r(SEND_LEDGER)),
    new SendPasswordChangedNoticeOnUserPasswordChanged(r(MAILER), r(SEND_LEDGER)),
    new SendNewSignInNoticeOnUserSignedInFromNewDevice(r(MAILER), r(SEND_LEDGER)),
  ] as const;
}

export type NotificationHandlers = ReturnType<typeof notificationHandlers>;
export const NOTIFICATIONS: InjectionToken<NotificationHandlers> = Symbol("Notifications");

/** Needs the events module (mailer and send ledger). */
export const notificationsModule: FeatureModule = async (c) => {
  c.register(NOTIFICATIONS, { useFactory: instanceCachingFactory(notificationHandlers) });
};
