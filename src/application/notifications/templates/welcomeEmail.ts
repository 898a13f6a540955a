import type { UserEventData } from "../../../domain/users/UserEvents.js";
import { escapeHtml, plainText } from "./escapeHtml.js";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function welcomeEmail(user: UserEventData): RenderedEmail {
  const name = user.firstName;
  return {
    subject: "Welcome to Bazaar",
    text: `Hello ${plainText(name)},\n\nYour Bazaar account (${plainText(user.email)}) is ready. Happy trading!\n\nThe Bazaar team\n`,
    html: `<!doctype html><html><body><p>Hello ${escapeHtml(name)},</p><p>Your Bazaar account (${escapeHtml(user.email)}) is ready. Happy trading!</p><p>The Bazaar team</p></body></html>`,
  };
}
