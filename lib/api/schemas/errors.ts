import { z } from "zod";

export const errorCodeSchema = z.enum([
  "UNAUTHORIZED",
  "MALFORMED_JSON",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  "INVALID",
  "NOT_FOUND",
  "CONFLICT",
  "GONE",
  "FORBIDDEN",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "IDEMPOTENCY_KEY_REUSED",
  "METHOD_NOT_ALLOWED",
  "INTERNAL",
]);

/** The one error shape of /api/v1 (lib/api/api-error.ts builds it). */
export const errorResponseSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    field: z
      .string()
      .optional()
      .meta({ description: "The offending input, e.g. `evidence[2].window.from`, `Authorization`, `(body)`." }),
    issues: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "All problems (up to 20) when there are several." }),
  }),
});
