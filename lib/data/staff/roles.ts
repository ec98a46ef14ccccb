import "server-only";
import { assertStaff } from "@/lib/data/blocks/actor";
import { isUuid } from "@/lib/data/ids";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Db = Prisma.TransactionClient;

/** A staff page's request about one report: who asks, which report, at what time. */
export interface StaffReportRequest {
  staffId: string;
  publicId: string;
  now?: Date;
}

/** A staff member's action on one queue item (claim, release, reassign): who, which item, from where, when. */
export interface StaffItemRequest {
  staffId: string;
  reference: string;
  client?: string | null;
  now?: Date;
}

/** A staff member (STAFF or ADMIN, not disabled), checked against the database; FORBIDDEN otherwise. */
export { assertStaff };

/** An admin (not disabled), checked against the database; FORBIDDEN otherwise. */
export async function assertAdmin(db: Db, adminId: string, refusal = "Only an admin can do this."): Promise<void> {
  const user = isUuid(adminId)
    ? await db.user.findUnique({ where: { id: adminId }, select: { role: true, disabledAt: true } })
    : null;
  if (user?.role !== "ADMIN" || user.disabledAt) throw new AppError("FORBIDDEN", refusal);
}
