import type { UserEventData } from "../../../domain/users/UserEvents.js";
import { recoveryEmail } from "./recoveryEmail.js";
import type { RenderedEmail } from "./welcomeEmail.js";

export function passwordResetDoneEmail(user: UserEventData, resetAt: string): RenderedEmail {
  return recoveryEmail({
    subject: "Your Bazaar password was reset",
    firstName: user.firstName,
    paragraphs: [
      `The password of your Bazaar account was reset on ${new Date(resetAt).toUTCString()}, and every session was signed out.`,
      "If this was not you, reset your password again right away and check the email address of your account.",
    ],
  });
}
