import { z } from "zod";
import { GENDERS } from "../../../domain/users/User.js";

const LINE_BREAKS = new Set(["\n", "\r", "\t"]);
const CONTROL = /\p{Cc}/u;
const noControlChars = (allowLineBreaks: boolean) => (s: string) =>
  ![...s].some((ch) => CONTROL.test(ch) && !(allowLineBreaks && LINE_BREAKS.has(ch)));

const nameField = z.string().trim().min(1).max(50).refine(noControlChars(false), "must not contain control characters");
const emailField = z.string().max(254).meta({ format: "email", example: "ada@example.com" });
// Length in code points (8..128) is the domain's rule; this only bounds the raw input.
const passwordField = z.string().min(1).max(512).meta({ description: "8 to 128 characters; very common passwords are refused" });

export const signupBody = z
  .strictObject({ email: emailField, password: passwordField, firstName: nameField, lastName: nameField.optional() })
  .meta({ id: "SignupRequest" });

export const loginBody = z.strictObject({ email: emailField, password: z.string().max(512) }).meta({ id: "LoginRequest" });

const skill = z.string().trim().min(1).max(30).refine(noControlChars(false), "must not contain control characters");

export const editProfileBody = z
  .strictObject({
    firstName: nameField,
    lastName: nameField.nullable(),
    age: z.number().int().min(13).max(120).nullable(),
    gender: z.enum(GENDERS).nullable(),
    about: z.string().trim().max(1000).refine(noControlChars(true), "must not contain control characters").nullable(),
    skills: z
      .array(skill)
      .max(20)
      .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, "must not repeat a skill"),
    photoUrl: z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(2048).nullable(),
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, "send at least one field to change")
  .meta({ id: "EditProfileRequest", description: "Only these fields may change; any other key is rejected. null clears a field." });

export const changePasswordBody = z
  .strictObject({ oldPassword: z.string().min(1).max(512), newPassword: passwordField })
  .meta({ id: "ChangePasswordRequest" });

export const publicUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
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
    expiresAt: z.string().meta({ format: "date-time", description: "When the session cookie's JWT expires" }),
  })
  .meta({ id: "Session", description: "The JWT itself is only in the httpOnly Set-Cookie header, never in a body" });
