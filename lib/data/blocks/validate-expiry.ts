import { AppError } from "@/lib/errors";

/** A block may be set to last at most a year; longer than that is "until reviewed" (no expiry). */
export const MAX_EXPIRY_MS = 366 * 24 * 3_600_000;

/** The requested expiry, checked against `now`: null stays null (until reviewed). */
export function validateExpiry(expiresAt: Date | null, now: Date): Date | null {
  if (expiresAt === null) return null;
  const at = expiresAt.getTime();
  if (Number.isNaN(at)) throw new AppError("INVALID", "expiresAt: not a valid date-time", { field: "expiresAt" });
  if (at <= now.getTime()) throw new AppError("INVALID", "expiresAt: must be in the future", { field: "expiresAt" });
  if (at - now.getTime() > MAX_EXPIRY_MS) {
    throw new AppError("INVALID", "expiresAt: at most 366 days ahead; omit it to block until reviewed", {
      field: "expiresAt",
    });
  }
  return expiresAt;
}
