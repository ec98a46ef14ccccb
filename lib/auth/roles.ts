import type { UserRole } from "@/lib/generated/prisma/enums";

/*
 * Who may do what, by role. The data functions (lib/data) apply these inside their
 * queries; the pages and routes use them to decide what to show. A role change applies on
 * the user's next request (sessions read the user every time, lib/auth/session.ts).
 */

/** The roles that may act as compliance staff: the console, decisions, lifting blocks. */
export const STAFF_ROLES = ["STAFF", "ADMIN"] as const satisfies readonly UserRole[];

/** The roles that may reassign claims, read and export the audit log, and see who is staff. */
export const ADMIN_ROLES = ["ADMIN"] as const satisfies readonly UserRole[];

export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (role: string | null | undefined): role is StaffRole =>
  (STAFF_ROLES as readonly string[]).includes(role ?? "");
export const isAdminRole = (role: string | null | undefined): role is "ADMIN" =>
  (ADMIN_ROLES as readonly string[]).includes(role ?? "");
