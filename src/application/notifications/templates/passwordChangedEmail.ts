import type { UserEventData } from "../../../domain/users/UserEvents.js";
import { escapeHtml, plainText } from "./escapeHtml.js";
import type { RenderedEmail } from "./welcomeEmail.js";

export function passwordChangedEmail(user: UserEventData, changedAt: string): RenderedEmail {
  const when = new Date(changedAt).toUTCString();
  const warning = "If this was not you, reset your password now: every other session has already been signed out.";
  return {
    subject: "Your Bazaar password was changed",
    text: `Hello ${plainText(user.firstName)},\n\nThe password of your Bazaar account was changed on ${when}.\n${warning}\n\nThe Bazaar team\n`,
    html: `<!doctype html><html><body><p>Hello ${escapeHtml(user.firstName)},</p><p>The password of your Bazaar account was changed on ${escapeHtml(when)}.</p><p><strong>${warning}</strong></p><p>The Bazaar team</p></body></html>`,
  };
}
