import type { UserEventData } from "../../../domain/users/UserEvents.js";
import { recoveryEmail } from "./recoveryEmail.js";
import type { RenderedEmail } from "./welcomeEmail.js";

export function passwordResetEmail(user: UserEventData, link: { url: string; expiresAt: Date }): RenderedEmail {
  return recoveryEmail({
    subject: "Reset your Bazaar password",
    firstName: user.firstName,
    paragraphs: [
      "Someone (hopefully you) asked to reset the password of your Bazaar account. Open the link below to choose a new one; every session of the account will be signed out.",
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ],
    link: { ...link, label: "Choose a new password" },
  });
}
