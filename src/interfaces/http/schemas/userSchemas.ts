import { z } from "zod";
import { GENDERS } from "../../../domain/users/User.js";
import { emailField } from "./emailField.js";
import { httpsUrlOrEmpty } from "./httpsUrlField.js";
import { text } from "./text.js";

const nameField = text({ min: 1, max: 50 });
// New passwords: any well-formed text without control characters; length (8..128) and content are the domain's
// and the policy's rules, answered as WEAK_PASSWORD. Never trimmed: every character counts.
export const newPasswordField = text({ min: 1, max: 512, trim: false, format: "any", secret: true }).meta({
  minLength: 8,
  maxLength: 128,
  description: "8 to 128 characters; common passwords and ones containing your email name, your name or \"bazaar\" are refused",
});
// An existing password is checked as it was chosen, so only ill-formed Unicode, which no stored password can hold, is refused.
export const currentPasswordField = text({ max: 512, trim: false, format: "any", controls: "any", secret: true });

/** What HTML forms send for a blank input: "" (after trimming) clears a nullable field. */
const blankIsNull = <T>(value: T | "") => (value === "" ? null : value);

/** `emailId` is what clients written for the original Express version (devTinder) send; one of the two is required. */
const emailOrEmailId = {
  email: emailField.optional(),
  emailId: emailField.optional().meta({ description: "Alias of `email` for clients written for the Express version; send one of the two" }),
};

function oneEmail(v: { email?: string | undefined; emailId?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.email !== undefined && v.emailId !== undefined)
    ctx.addIssue({ code: "custom", path: ["emailId"], message: "is an alias of email: send email or emailId, not both" });
  else if (v.email === undefined && v.emailId === undefined) ctx.addIssue({ code: "custom", path: ["email"], message: "is required (or its alias emailId)" });
}

function asEmail<T extends { email?: string | undefined; emailId?: string | undefined }>({ email, emailId, ...rest }: T) {
  return { ...rest, email: (email ?? emailId)! };
}

export const signupBody = z
  .strictObject({
    ...emailOrEmailId,
    password: newPasswordField,
    firstName: nameField,
    lastName: text({ max: 50 }).optional().transform((v) => (v === "" ? undefined : v)),
  })
  .superRefine(oneEmail)
  .transform(asEmail)
  .meta({ id: "SignupRequest", description: "`email` or its alias `emailId` is required. A blank `lastName` is no last name." });

export const loginBody = z
  .strictObject({ ...emailOrEmailId, password: currentPasswordField })
  .superRefine(oneEmail)
  .transform(asEmail)
  .meta({ id: "LoginRequest", description: "`email` or its alias `emailId` is required." });

const ageField = z
  .union([
    z.number().int().min(13).max(120),
    text({ max: 10 })
      .regex(/^(\d{1,3})?$/u, "must be a whole number")
      .transform((s) => (s === "" ? null : Number(s)))
      .pipe(z.number().int().min(13).max(120).nullable())
      .meta({ description: "The same number as a string, as HTML forms send it (\"36\"); \"\" clears" }),
    z.null(),
  ])
  .meta({ description: "13 to 120; null clears" });

export const editProfileBody = z
  .strictObject({
    firstName: nameField,
    lastName: text({ max: 50 }).nullable().transform(blankIsNull),
    age: ageField,
    gender: z
      .enum([...GENDERS, ""])
      .nullable()
      .transform(blankIsNull),
    about: text({ max: 1000, multiline: true, format: "joiners" }).nullable().transform(blankIsNull),
    skills: z
      .array(text({ min: 1, max: 30 }))
      .max(20)
      .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, "must not repeat a skill"),
    photoUrl: httpsUrlOrEmpty.nullable(),
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, "send at least one field to change")
  .meta({
    id: "EditProfileRequest",
    description: "Only these fields may change; any other key is rejected. null or \"\" clears a nullable field; `skills: []` clears the skills.",
  });

export const changePasswordBody = z
  .strictObject({ oldPassword: currentPasswordField.min(1), newPassword: newPasswordField })
  .meta({ id: "ChangePasswordRequest" });

export const publicUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    emailVerifiedAt: z.string().meta({ format: "date-time" }).nullable(),
    pendingEmail: z.string().nullable().meta({ description: "An address asked for with POST /profile/email, not yet confirmed" }),
    firstName: z.string(),
    lastName: z.string().nullable(),
    age: z.number().int().nullable(),
    gender: z.enum(GENDERS).nullable(),
    about: z.string().nullable(),
    skills: z.array(z.string()),
    photoUrl: z.string().nullable(),
    createdAt: z.string().meta({ format: "date-time" }),
    updatedAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "User" });

export const sessionResponseSchema = z
  .object({
    user: publicUserSchema,
    expiresAt: z.string().meta({ format: "date-time", description: "When the session ends if left unused (renewed while in use, never past the absolute lifetime)" }),
  })
  .meta({ id: "Session", description: "The JWT itself is only in the httpOnly Set-Cookie header, never in a body" });
