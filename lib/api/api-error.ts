import { z } from "zod";
import { HTTP_STATUS, isAppError } from "@/lib/errors";
import { logger } from "@/lib/log";

/*
 * Every /api/v1 error has one shape: `{ error: { code, message, field?, issues? } }`.
 * `field` names the offending input as a path (`evidence[2].window.from`), so a relay can
 * log something actionable. Unexpected errors are logged with context and answered with a
 * generic 500 that reveals nothing.
 */

export type ApiErrorCode =
  | "UNAUTHORIZED"
  | "MALFORMED_JSON"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "INVALID"
  | "NOT_FOUND"
  | "CONFLICT"
  | "GONE"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "IDEMPOTENCY_KEY_REUSED"
  | "METHOD_NOT_ALLOWED"
  | "INTERNAL";

export interface ApiIssue {
  field: string;
  message: string;
}

/** An HTTP-level refusal raised by the API layer itself (auth, body, idempotency). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** `["evidence", 2, "window"]` → `evidence[2].window`; the body itself is `(body)`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(body)" : out;
}

const MAX_ISSUES = 20;

function issueOf(issue: z.core.$ZodIssue): ApiIssue {
  if (issue.code === "unrecognized_keys") {
    return { field: fieldPath([...issue.path, issue.keys[0] ?? ""]), message: issue.message };
  }
  return { field: fieldPath(issue.path), message: issue.message };
}

/** A zod failure as a 422 naming the first offending field, with up to 20 issues. */
export function validationError(error: z.ZodError, prefix: readonly PropertyKey[] = []): ApiError {
  const issues = error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => issueOf({ ...issue, path: [...prefix, ...issue.path] }));
  const first = issues[0] ?? { field: "(body)", message: "Invalid input" };
  return new ApiError(422, "INVALID", `${first.field}: ${first.message}`, first.field, issues);
}

export function errorBody(code: ApiErrorCode, message: string, field?: string, issues?: ApiIssue[]) {
  return {
    error: { code, message, ...(field !== undefined && { field }), ...(issues && issues.length > 1 && { issues }) },
  };
}

export function jsonError(
  status: number,
  code: ApiErrorCode,
  message: string,
  field?: string,
  issues?: ApiIssue[],
  headers?: HeadersInit,
): Response {
  return Response.json(errorBody(code, message, field, issues), {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
  });
}

/** An API answer as plain values, for callers that write the HTTP response themselves. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): ApiAnswer => ({
  status,
  body,
  headers: { "Cache-Control": "no-store", ...headers },
});

/** Maps anything thrown inside an API route to its JSON error answer. */
export function errorAnswer(error: unknown, context: Record<string, unknown> = {}): ApiAnswer {
  if (error instanceof ApiError) {
    const headers: Record<string, string> =
      error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="block-reports"' } : {};
    return answer(error.status, errorBody(error.code, error.message, error.field, error.issues), headers);
  }
  if (error instanceof z.ZodError) {
    const invalid = validationError(error);
    return answer(422, errorBody("INVALID", invalid.message, invalid.field, invalid.issues));
  }
  if (isAppError(error)) {
    const field = typeof error.details?.field === "string" ? error.details.field : undefined;
    return answer(HTTP_STATUS[error.code], errorBody(error.code, error.message, field));
  }
  logger.error({ ...context, err: error }, "api: unexpected error");
  return answer(
    500,
    errorBody("INTERNAL", "Something went wrong on our side. Retrying with the same Idempotency-Key is safe."),
  );
}

/** Maps anything thrown inside an API route to its JSON response. */
export function errorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  const { status, body, headers } = errorAnswer(error, context);
  return Response.json(body, { status, headers });
}
