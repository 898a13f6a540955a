import { LINK_PATHS } from "../../../application/shared/emailedLinks.js";
import type { TokenPurpose } from "../../../application/ports/EmailedTokens.js";

export interface LinkPageField {
  name: string;
  label: string;
  type: "password" | "text";
  autocomplete: string;
  minLength?: number;
}

export interface LinkPage {
  title: string;
  /** What will happen when the button is pressed. */
  intro: string;
  button: string;
  /** Shown once the JSON API answered 2xx. */
  done: string;
  /** Inputs sent with the token (their `name` is the JSON key). */
  fields?: LinkPageField[];
}

/**
 * One line per emailed link: the page at `LINK_PATHS[purpose]` explains what will happen and POSTs `{token, …fields}`
 * as JSON to the same path. Opening the page (a mail scanner does) never uses the token; only the button does.
 */
export const LINK_PAGES: Record<TokenPurpose, LinkPage> = {
  "verify-email": {
    title: "Confirm your email address",
    intro: "Press the button to confirm that this email address is yours.",
    button: "Confirm my email address",
    done: "Your email address is confirmed. You can close this page.",
  },
  "reset-password": {
    title: "Choose a new password",
    intro: "Choose a new password for your Bazaar account. Every session of the account will be signed out; log in again with the new password.",
    button: "Set my new password",
    done: "Your password is set and every session was signed out. Log in with your new password.",
    fields: [{ name: "newPassword", label: "New password (8 to 128 characters)", type: "password", autocomplete: "new-password", minLength: 8 }],
  },
  "confirm-email-change": {
    title: "Confirm your new email address",
    intro: "Press the button to make this address the one of your Bazaar account. Your previous address will be told, with a way to undo the change.",
    button: "Confirm my new address",
    done: "Your account now uses this address. You can close this page.",
  },
  "undo-email-change": {
    title: "Undo the email change",
    intro: "Press the button to give your account back to this address. Every session will be signed out and your password will stop working: you will receive an email to choose a new one.",
    button: "Undo the change",
    done: "Your account uses this address again. Check your inbox for the link to choose a new password.",
  },
  "restore-account": {
    title: "Restore your account",
    intro: "Press the button to cancel the deletion of your Bazaar account.",
    button: "Restore my account",
    done: "Your account is restored. You can log in again.",
  },
};

export const linkPagePath = (purpose: TokenPurpose) => LINK_PATHS[purpose];
