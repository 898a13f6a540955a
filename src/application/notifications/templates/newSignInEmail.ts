import type { NewSignInData } from "../../../domain/users/UserEvents.js";
import { escapeHtml, plainText } from "./escapeHtml.js";
import type { RenderedEmail } from "./welcomeEmail.js";

/** Every value here came from outside (name, User-Agent header, IP): escaped for HTML, printable-only for text. */
export function newSignInEmail(signIn: NewSignInData, signedInAt: string): RenderedEmail {
  const when = new Date(signedInAt).toUTCString();
  const browser = signIn.userAgent || "an unknown browser";
  const ip = signIn.ip || "an unknown address";
  const advice = "If this was not you, change your password now and end the sessions you do not recognise (GET /sessions, DELETE /sessions/:id).";
  return {
    subject: "New sign-in to your Bazaar account",
    text:
      `Hello ${plainText(signIn.firstName)},\n\nYour Bazaar account was signed in on ${when}\n` +
      `from ${plainText(browser)}\nat IP ${plainText(ip)}.\n\nIf this was you, there is nothing to do.\n${advice}\n\nThe Bazaar team\n`,
    html:
      `<!doctype html><html><body><p>Hello ${escapeHtml(signIn.firstName)},</p>` +
      `<p>Your Bazaar account was signed in on ${escapeHtml(when)}</p>` +
      `<ul><li>Browser: ${escapeHtml(browser)}</li><li>IP address: ${escapeHtml(ip)}</li></ul>` +
      `<p>If this was you, there is nothing to do.</p><p><strong>${escapeHtml(advice)}</strong></p><p>The Bazaar team</p></body></html>`,
  };
}
