import { z } from "zod";

/** zod issues as `{ field: [messages] }`, the shape FormState.fieldErrors has. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const { fieldErrors } = z.flattenError(error);
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (Array.isArray(messages) && messages.length > 0) result[field] = messages as string[];
  }
  return result;
}
