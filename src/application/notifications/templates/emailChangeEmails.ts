import type { EmailChangedData, EmailChangeRequestedData } from "../../../domain/users/UserEvents.js";
import { recoveryEmail } from "./recoveryEmail.js";
import type { RenderedEmail } from "./welcomeEmail.js";

/** Sent to the new address: proves the person asking can read it. */
export function confirmEmailChangeEmail(user: EmailChangeRequestedData, link: { url: string; expiresAt: Date }): RenderedEmail {
  return recoveryEmail({
    subject: "Confirm your new email address for Bazaar",
    firstName: user.firstName,
    paragraphs: [
      `You asked to change the email address of your Bazaar account from ${user.email} to ${user.newEmail}. Open the link below to confirm; until then nothing changes.`,
      "If you did not ask for this, ignore this email.",
    ],
    link: { ...link, label: "Confirm my new address" },
  });
}

/** Sent to the address from before the change, with the way back. */
export function emailChangedNoticeEmail(user: EmailChangedData, link: { url: string; expiresAt: Date }): RenderedEmail {
  return recoveryEmail({
    subject: "The email address of your Bazaar account was changed",
    firstName: user.firstName,
    paragraphs: [
      `The email address of your Bazaar account was changed to ${user.email}.`,
      "If this was not you, open the link below: it gives the account back to this address, signs every session out, and sends you a link to choose a new password.",
    ],
    link: { ...link, label: "This was not me: undo the change" },
  });
}
