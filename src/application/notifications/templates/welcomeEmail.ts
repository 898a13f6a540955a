import type { UserEventData } from "../../../domain/users/UserEvents.js";
import { escapeHtml, plainText } from "./escapeHtml.js";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The welcome email; with a verification link it also asks to confirm the address (one email carries both). */
export function welcomeEmail(user: UserEventData, verify?: { url: string; expiresAt: Date }): RenderedEmail {
  const name = user.firstName;
  const ask = verify ? `Please confirm your address: ${plainText(verify.url)}\nThe link works once, until ${verify.expiresAt.toUTCString()}.\n\n` : "";
  const askHtml = verify
    ? `<p><a href="${escapeHtml(verify.url)}">Confirm my email address</a> (or paste ${escapeHtml(verify.url)} into your browser). The link works once, until ${escapeHtml(verify.expiresAt.toUTCString())}.</p>`
    : "";
  return {
    subject: "Welcome to Bazaar",
    text: `Hello ${plainText(name)},\n\nYour Bazaar account (${plainText(user.email)}) is ready. Happy trading!\n\n${ask}The Bazaar team\n`,
    html: `<!doctype html><html><body><p>Hello ${escapeHtml(name)},</p><p>Your Bazaar account (${escapeHtml(user.email)}) is ready. Happy trading!</p>${askHtml}<p>The Bazaar team</p></body></html>`,
  };
}
