import type { UserEventData } from "../../../domain/users/UserEvents.js";
import { escapeHtml, plainText } from "./escapeHtml.js";
import type { RenderedEmail } from "./welcomeEmail.js";

/** The notice sent when an account is deleted: what happened, until when it can be undone, and the link that undoes it. */
export function deletionRequestedEmail(user: UserEventData, eraseAfter: string, restoreLink: string): RenderedEmail {
  const when = new Date(eraseAfter).toUTCString();
  return {
    subject: "Your Bazaar account is scheduled for deletion",
    text:
      `Hello ${plainText(user.firstName)},\n\nYour Bazaar account (${plainText(user.email)}) was deleted: it is disabled and every session has ended.\n` +
      `It will be erased for good after ${when}. Until then you can restore it with this link:\n\n${restoreLink}\n\n` +
      `If you did not ask for this, restore your account and change your password.\n\nThe Bazaar team\n`,
    html:
      `<!doctype html><html><body><p>Hello ${escapeHtml(user.firstName)},</p>` +
      `<p>Your Bazaar account (${escapeHtml(user.email)}) was deleted: it is disabled and every session has ended.</p>` +
      `<p>It will be erased for good after ${escapeHtml(when)}. Until then you can <a href="${escapeHtml(restoreLink)}">restore your account</a>.</p>` +
      `<p><strong>If you did not ask for this, restore your account and change your password.</strong></p><p>The Bazaar team</p></body></html>`,
  };
}
