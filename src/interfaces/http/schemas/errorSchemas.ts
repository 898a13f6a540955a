import { z } from "zod";

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "VALIDATION_FAILED" }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error", description: "Every error response has this shape" });

export const errorResponse = (description: string) => ({ description, schema: errorSchema });
