import { escapeHtml, plainText } from "./escapeHtml.js";
import type { RenderedEmail } from "./welcomeEmail.js";

export interface RecoveryEmailParts {
  subject: string;
  firstName: string;
  /** Paragraphs of plain text; user values inside are escaped here, once, for each part. */
  paragraphs: string[];
  link?: { url: string; label: string; expiresAt: Date };
}

/**
 * The shared body of the account-recovery emails: a greeting, a few paragraphs, at most one link (with when it stops
 * working) and the signature. The link is also written out in full, for mail clients that strip buttons.
 */
export function recoveryEmail(p: RecoveryEmailParts): RenderedEmail {
  const expiry = p.link ? `This link works once, until ${p.link.expiresAt.toUTCString()}.` : "";
  const text = [
    `Hello ${plainText(p.firstName)},`,
    ...p.paragraphs.map(plainText),
    ...(p.link ? [`${plainText(p.link.label)}: ${plainText(p.link.url)}`, expiry] : []),
    "The Bazaar team",
  ].join("\n\n");
  const html = [
    `<p>Hello ${escapeHtml(p.firstName)},</p>`,
    ...p.paragraphs.map((para) => `<p>${escapeHtml(para)}</p>`),
    ...(p.link
      ? [
          `<p><a href="${escapeHtml(p.link.url)}">${escapeHtml(p.link.label)}</a></p>`,
          `<p>Or paste this address into your browser: ${escapeHtml(p.link.url)}</p>`,
          `<p>${escapeHtml(expiry)}</p>`,
        ]
      : []),
    "<p>The Bazaar team</p>",
  ].join("");
  return { subject: p.subject, text: `${text}\n`, html: `<!doctype html><html><body>${html}</body></html>` };
}
