import { z } from "zod";

/** Parsers for environment values, shared by every part of the config schema. */
export const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Trimmed; a blank value counts as unset. */
export const optionalText = () =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

export const optionalUrl = (protocols: string[]) =>
  optionalText().refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), `must start with ${protocols.join(" or ")}`);
