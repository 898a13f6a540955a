import type { UserEventData } from "../../../domain/users/UserEvents.js";
import { recoveryEmail } from "./recoveryEmail.js";
import type { RenderedEmail } from "./welcomeEmail.js";

export function verifyEmail(user: UserEventData, link: { url: string; expiresAt: Date }): RenderedEmail {
  return recoveryEmail({
    subject: "Confirm your email address for Bazaar",
    firstName: user.firstName,
    paragraphs: [`Please confirm that ${user.email} is your address: open the link below and press the button on the page.`, "If you did not ask for this, ignore this email."],
    link: { ...link, label: "Confirm my email address" },
  });
}
