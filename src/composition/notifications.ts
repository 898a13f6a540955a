import { instanceCachingFactory, type DependencyContainer, type InjectionToken } from "./container.js";
import { LinkIssuer } from "../application/notifications/delivery/issueLink.js";
import { SendEmailChangeConfirmationOnUserEmailChangeRequested } from "../application/notifications/SendEmailChangeConfirmationOnUserEmailChangeRequested.js";
import { SendEmailChangedNoticeOnUserEmailChanged } from "../application/notifications/SendEmailChangedNoticeOnUserEmailChanged.js";
import { SendNewSignInNoticeOnUserSignedInFromNewDevice } from "../application/notifications/SendNewSignInNoticeOnUserSignedInFromNewDevice.js";
import { SendPasswordChangedNoticeOnUserPasswordChanged } from "../application/notifications/SendPasswordChangedNoticeOnUserPasswordChanged.js";
import { SendPasswordResetEmailOnUserPasswordResetRequested } from "../application/notifications/SendPasswordResetEmailOnUserPasswordResetRequested.js";
import { SendPasswordResetNoticeOnUserPasswordReset } from "../application/notifications/SendPasswordResetNoticeOnUserPasswordReset.js";
import { SendVerificationEmailOnUserEmailVerificationRequested } from "../application/notifications/SendVerificationEmailOnUserEmailVerificationRequested.js";
import { SendRestoreLinkOnUserDeletionRequested } from "../application/notifications/SendRestoreLinkOnUserDeletionRequested.js";
import { SendWelcomeEmailOnUserSignedUp } from "../application/notifications/SendWelcomeEmailOnUserSignedUp.js";
import { RECOVERY_SETTINGS } from "./recovery.js";
import type { FeatureModule } from "./runtime.js";
import { CLOCK, EMAILED_TOKENS, MAILER, SEND_LEDGER } from "./tokens.js";

/** Every event-triggered use-case; the worker subscribes each to the channel its event type names. */
export function notificationHandlers(c: DependencyContainer) {
  const r = <T>(token: InjectionToken<T>) => c.resolve(token);
  // Issues emailed tokens in the worker, right before each email that carries one (needs the recovery module).
  const links = new LinkIssuer(r(EMAILED_TOKENS), r(CLOCK), r(RECOVERY_SETTINGS).links);
  return [
    new SendWelcomeEmailOnUserSignedUp(r(MAILER), r(SEND_LEDGER), links),
    new SendPasswordChangedNoticeOnUserPasswordChanged(r(MAILER), r(SEND_LEDGER)),
    new SendVerificationEmailOnUserEmailVerificationRequested(r(MAILER), r(SEND_LEDGER), links),
    new SendPasswordResetEmailOnUserPasswordResetRequested(r(MAILER), r(SEND_LEDGER), links),
    new SendPasswordResetNoticeOnUserPasswordReset(r(MAILER), r(SEND_LEDGER)),
    new SendEmailChangeConfirmationOnUserEmailChangeRequested(r(MAILER), r(SEND_LEDGER), links),
    new SendEmailChangedNoticeOnUserEmailChanged(r(MAILER), r(SEND_LEDGER), links),
    new SendRestoreLinkOnUserDeletionRequested(r(MAILER), r(SEND_LEDGER), links),
    new SendNewSignInNoticeOnUserSignedInFromNewDevice(r(MAILER), r(SEND_LEDGER)),
  ] as const;
}

export type NotificationHandlers = ReturnType<typeof notificationHandlers>;
export const NOTIFICATIONS: InjectionToken<NotificationHandlers> = Symbol("Notifications");

/** Needs the events module (mailer and send ledger) and the recovery module (emailed tokens, link settings). */
export const notificationsModule: FeatureModule = async (c) => {
  c.register(NOTIFICATIONS, { useFactory: instanceCachingFactory(notificationHandlers) });
};
