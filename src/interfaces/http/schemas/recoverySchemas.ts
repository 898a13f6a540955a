import { z } from "zod";
import { emailField } from "./emailField.js";
import { text } from "./text.js";
import { currentPasswordField, newPasswordField } from "./userSchemas.js";

/** The token from an emailed link. A secret: a validation message never quotes it. Its exact shape is the store's to judge (one INVALID_TOKEN for all). */
export const emailedTokenField = text({ min: 1, max: 256, format: "any", secret: true }).meta({
  description: "The `token` query parameter of the emailed link, as is",
  example: "b3JlbSBpcHN1bSBkb2xvciBzaXQgYW1ldCwgY29uc2VjdGV0dXI",
});

export const tokenBody = z.strictObject({ token: emailedTokenField }).meta({ id: "EmailedTokenRequest" });
export const resetPasswordBody = z.strictObject({ token: emailedTokenField, newPassword: newPasswordField }).meta({ id: "ResetPasswordRequest" });
export const forgotPasswordBody = z.strictObject({ email: emailField }).meta({ id: "ForgotPasswordRequest" });
export const changeEmailBody = z
  .strictObject({ newEmail: emailField, password: currentPasswordField.min(1) })
  .meta({ id: "ChangeEmailRequest", description: "The current password is required: a session alone cannot move the account to another address" });

export const acceptedSchema = z.object({ message: z.string() }).meta({ id: "Accepted" });
export const emailResultSchema = z
  .object({ email: z.string(), emailVerified: z.boolean(), message: z.string() })
  .meta({ id: "EmailResult", description: "The account's address after the operation" });
