import { z } from "zod";
import { text } from "./text.js";

const dateTime = (description: string) => z.string().meta({ format: "date-time", description });

export const sessionSchema = z
  .strictObject({
    id: z.string(),
    current: z.boolean().meta({ description: "True for the session this request was made with (exactly one)" }),
    createdAt: dateTime("Login time"),
    lastSeenAt: dateTime("Last request, to the minute"),
    expiresAt: dateTime("When the session ends if left unused; never past its absolute lifetime"),
    userAgent: z.string().meta({ description: "The browser's User-Agent at login, trimmed to 256 characters" }),
    ip: z.string().meta({ description: "The client IP at login" }),
  })
  .meta({ id: "SessionInfo", description: "One signed-in device. Never the token or anything derived from it." });

export const sessionListSchema = z.strictObject({ sessions: z.array(sessionSchema) }).meta({ id: "SessionList", description: "Most recent login first" });

export const revokedSessionsSchema = z.strictObject({ ended: z.number().int().min(0) }).meta({ id: "RevokedSessions" });

export const sessionParams = z.strictObject({ id: text({ min: 1, max: 128 }) });
