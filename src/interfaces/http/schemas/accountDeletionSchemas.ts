import { z } from "zod";
import { text } from "./text.js";

/** The current password, checked as it was chosen (the same rule as login's). */
export const deleteAccountBody = z
  .strictObject({ password: text({ min: 1, max: 512, trim: false, format: "any", controls: "any", secret: true }) })
  .meta({ id: "DeleteAccountRequest", description: "The current password, asked again" });

/** Any text: a token of the wrong shape is just another unknown token (INVALID_TOKEN), refused before any lookup. */
export const restoreAccountBody = z
  .strictObject({ token: text({ min: 1, max: 512, secret: true }) })
  .meta({ id: "RestoreAccountRequest", description: "The `token` query parameter of the restore link in the deletion notice" });
