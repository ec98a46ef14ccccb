import "server-only";
import type { z } from "zod";
import { errorResponse, validationError } from "./api-error";
import { authenticate, type ApiPrincipal } from "./authenticate";

export interface ApiContext<P> {
  request: Request;
  principal: ApiPrincipal;
  params: P;
}

type Segment<P> = { params: Promise<P> };

/**
 * Wraps a /api/v1 route handler: the API key is verified first (every route re-checks it
 * itself; nothing upstream is trusted), and anything thrown becomes the JSON error shape.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<Response>,
) {
  return async (request: Request, segment: Segment<P>): Promise<Response> => {
    try {
      const principal = await authenticate(request);
      return await handler({ request, principal, params: await segment.params });
    } catch (error) {
      return errorResponse(error, { method: request.method, path: new URL(request.url).pathname });
    }
  };
}

/** Parses with a zod schema, throwing a 422 that names the offending field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: readonly PropertyKey[] = [],
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, prefix);
  return parsed.data;
}
