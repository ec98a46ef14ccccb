import "server-only";
import { assertStaff } from "@/lib/data/blocks/actor";
import { isUuid } from "@/lib/data/ids";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Db = Prisma.TransactionClient;

/** A staff member (STAFF or ADMIN, not disabled), checked against the database; FORBIDDEN otherwise. */
export { assertStaff };

/** An admin (not disabled), checked against the database; FORBIDDEN otherwise. */
export async function assertAdmin(db: Db, adminId: string, refusal = "Only an admin can do this."): Promise<void> {
  const user = isUuid(adminId)
    ? await db.user.findUnique({ where: { id: adminId }, select: { role: true, disabledAt: true } })
    : null;
  if (user?.role !== "ADMIN" || user.disabledAt) throw new AppError("FORBIDDEN", refusal);
}
