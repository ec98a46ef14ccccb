/** What a user can cause. Anything else is a bug: logged with context, shown generically. */
export type AppErrorCode = "NOT_FOUND" | "GONE" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "RATE_LIMITED" | "UNAVAILABLE";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  GONE: 410,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};
