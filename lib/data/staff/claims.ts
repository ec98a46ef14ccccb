import "server-only";
import { REFERENCE_PATTERN } from "@/lib/appeals/reference";
import { assertStaff } from "@/lib/data/blocks/actor";
import { isAdminRole, isStaffRole, STAFF_ROLES } from "@/lib/auth/roles";
import { isUuid } from "@/lib/data/ids";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatUtcDateTime } from "@/lib/evidence/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PENDING_INVITATION } from "@/lib/data/users/passwords";
import { recordStaffAudit } from "./audit-log";
import type { StaffItemRequest, StaffReportRequest } from "./roles";

/*
 * Claims on queue items. A reviewer claims a review request or a reported case so the team
 * sees who has it and since when; while the claim is live nobody else decides it or claims
 * it, and only an admin reassigns it. A claim lapses when its holder has neither opened nor
 * acted on the item for CLAIM_IDLE_MINUTES: a lapsed claim is treated as no claim, so
 * nothing has to clear it. Every claim, release and reassignment is in the audit log.
 */

/** Claims last active before this moment have lapsed. */
export const claimCutoff = (now: Date): Date => new Date(now.getTime() - env.CLAIM_IDLE_MINUTES * 60_000);

export interface ClaimView {
  holderId: string;
  holderName: string;
  claimedAt: string;
  activeAt: string;
  /** Lapses then unless the holder opens or acts on the item before. */
  lapsesAt: string;
}

/** A claim as the console shows it; null when there is none or it has lapsed. */
export function liveClaim(
  row: {
    claimedById: string | null;
    claimedAt: Date | null;
    claimActiveAt: Date | null;
    claimedBy?: { name: string } | null;
  },
  now: Date,
): ClaimView | null {
  if (!row.claimedById || !row.claimedAt || !row.claimActiveAt || row.claimActiveAt <= claimCutoff(now)) return null;
  return {
    holderId: row.claimedById,
    holderName: row.claimedBy?.name ?? "another reviewer",
    claimedAt: row.claimedAt.toISOString(),
    activeAt: row.claimActiveAt.toISOString(),
    lapsesAt: new Date(row.claimActiveAt.getTime() + env.CLAIM_IDLE_MINUTES * 60_000).toISOString(),
  };
}

type Kind = "appeal" | "case";
const TABLE: Record<Kind, string> = { appeal: "appeal", case: "compliance_case" };
const WHAT: Record<Kind, string> = { appeal: "review request", case: "case" };
const OPEN_STATUSES: Record<Kind, string[]> = { appeal: ["OPEN", "NEEDS_INFO"], case: ["OPEN"] };

const lockedRow = z.object({
  id: z.string(),
  status: z.string(),
  claimedById: z.string().nullable(),
  claimedAt: z.date().nullable(),
  claimActiveAt: z.date().nullable(),
});
type LockedItem = z.infer<typeof lockedRow> & { kind: Kind };

function kindOf(reference: string): Kind {
  if (!REFERENCE_PATTERN.test(reference))
    throw new AppError("NOT_FOUND", "No review request or case has this reference.");
  return reference.startsWith("A-") ? "appeal" : "case";
}

// FOR UPDATE: two reviewers claiming at once are serialised; the second sees the first's claim.
// Raw: the model API takes no row locks.
async function lockItem(tx: Prisma.TransactionClient, reference: string): Promise<LockedItem> {
  const kind = kindOf(reference);
  const [row] = await queryRows(
    tx,
    {
      text: `SELECT i.id, i.status::text AS status, i.claimed_by_id AS "claimedById", i.claimed_at AS "claimedAt", i.claim_active_at AS "claimActiveAt"
       FROM ${TABLE[kind]} i
      WHERE i.reference = $1
        FOR UPDATE OF i`,
      values: [reference],
    },
    lockedRow,
  );
  if (!row) throw new AppError("NOT_FOUND", `No ${WHAT[kind]} has this reference.`);
  return { kind, ...row };
}

const isLive = (item: Pick<LockedItem, "claimedById" | "claimActiveAt">, now: Date) =>
  Boolean(item.claimedById && item.claimActiveAt && item.claimActiveAt > claimCutoff(now));

/**
 * The refusal naming who holds an item. Their name is read only here, after the item's lock
 * is held: a claim that committed while this request waited names its holder (a join in the
 * locking statement would still see the row as it was before), and a request that is not
 * refused reads nothing more.
 */
async function heldBy(tx: Prisma.TransactionClient, item: LockedItem, reference: string): Promise<string> {
  const holder = item.claimedById
    ? await tx.user.findUnique({ where: { id: item.claimedById }, select: { name: true } })
    : null;
  return `${holder?.name ?? "Another reviewer"} has claimed ${reference} (since ${formatUtcDateTime(item.claimedAt!.toISOString())}). Ask them to release it, or an admin to reassign it.`;
}

async function staffRole(tx: Prisma.TransactionClient, staffId: string): Promise<{ role: string; email: string }> {
  await assertStaff(tx, staffId);
  return tx.user.findUniqueOrThrow({ where: { id: staffId }, select: { role: true, email: true } });
}

async function setClaim(
  tx: Prisma.TransactionClient,
  item: LockedItem,
  holderId: string | null,
  now: Date,
  keepSince = false,
) {
  const at = holderId ? now : null;
  const data = { claimedById: holderId, claimActiveAt: at, ...(keepSince ? {} : { claimedAt: at }) };
  if (item.kind === "appeal") await tx.appeal.update({ where: { id: item.id }, data, select: { id: true } });
  else await tx.complianceCase.update({ where: { id: item.id }, data, select: { id: true } });
}

/** Runs `act` in one transaction with the caller's role (staff only) and the item, locked in that order. */
function asStaffOnItem<T>(
  staffId: string,
  reference: string,
  act: (tx: Prisma.TransactionClient, me: { role: string; email: string }, item: LockedItem) => Promise<T>,
): Promise<T> {
  return getDb().$transaction(async (tx) => {
    const me = await staffRole(tx, staffId);
    return act(tx, me, await lockItem(tx, reference));
  });
}

function assertOpen(item: LockedItem, reference: string) {
  if (!OPEN_STATUSES[item.kind].includes(item.status))
    throw new AppError(
      "CONFLICT",
      `${reference} is no longer open: there is nothing left to claim. Reload the page to see what happened.`,
    );
}

/**
 * The reviewer claims an open item, or refreshes their own claim. A live claim of someone
 * else's is refused (CONFLICT, naming them); a lapsed one is taken over.
 * Callers: the staff console, for STAFF or ADMIN (checked here). Throws FORBIDDEN, NOT_FOUND, CONFLICT.
 */
export async function claimItem({
  staffId,
  reference,
  client = null,
  now = new Date(),
}: StaffItemRequest): Promise<{ reference: string }> {
  return asStaffOnItem(staffId, reference, async (tx, me, item) => {
    assertOpen(item, reference);
    const live = isLive(item, now);
    if (live && item.claimedById !== staffId) throw new AppError("CONFLICT", await heldBy(tx, item, reference));
    const mine = live && item.claimedById === staffId;
    await setClaim(tx, item, staffId, now, mine);
    if (!mine) {
      await recordStaffAudit(tx, {
        actorId: staffId,
        actorEmail: me.email,
        action: "CLAIM",
        target: reference,
        client,
        now,
        data: item.claimedById && item.claimedById !== staffId ? { lapsedClaimOf: item.claimedById } : {},
      });
    }
    return { reference };
  });
}

/**
 * Gives up a claim: the holder's own, or anyone's for an admin.
 * Throws FORBIDDEN (someone else's, not an admin), NOT_FOUND, CONFLICT (nothing claimed).
 */
export async function releaseItem({
  staffId,
  reference,
  client = null,
  now = new Date(),
}: StaffItemRequest): Promise<{ reference: string }> {
  return asStaffOnItem(staffId, reference, async (tx, me, item) => {
    if (!isLive(item, now)) throw new AppError("CONFLICT", `${reference} is not claimed by anyone.`);
    if (item.claimedById !== staffId && !isAdminRole(me.role))
      throw new AppError("FORBIDDEN", await heldBy(tx, item, reference));
    await setClaim(tx, item, null, now);
    await recordStaffAudit(tx, {
      actorId: staffId,
      actorEmail: me.email,
      action: "RELEASE",
      target: reference,
      client,
      now,
      data: { holder: item.claimedById },
    });
    return { reference };
  });
}

/**
 * An admin gives an open item to a reviewer (themselves included), whoever held it.
 * Throws FORBIDDEN (not an admin), INVALID (the assignee is not staff), NOT_FOUND, CONFLICT.
 */
export async function reassignItem({
  staffId,
  reference,
  assigneeId,
  client = null,
  now = new Date(),
}: StaffItemRequest & { assigneeId: string }): Promise<{ reference: string; assigneeName: string }> {
  return getDb().$transaction(async (tx) => {
    const me = await staffRole(tx, staffId);
    if (!isAdminRole(me.role)) throw new AppError("FORBIDDEN", "Only an admin can reassign a claimed item.");
    const assignee = isUuid(assigneeId)
      ? await tx.user.findFirst({
          where: { id: assigneeId, ...CAN_ACT },
          select: { id: true, name: true, role: true },
        })
      : null;
    if (!assignee || !isStaffRole(assignee.role)) {
      throw new AppError("INVALID", "Please check the highlighted fields.", {
        fieldErrors: { assignee: ["Choose a reviewer from the list."] },
      });
    }
    const item = await lockItem(tx, reference);
    assertOpen(item, reference);
    await setClaim(tx, item, assignee.id, now);
    await recordStaffAudit(tx, {
      actorId: staffId,
      actorEmail: me.email,
      action: "REASSIGN",
      target: reference,
      client,
      now,
      data: { from: isLive(item, now) ? item.claimedById : null, to: assignee.id },
    });
    return { reference, assigneeName: assignee.name };
  });
}

/**
 * Refuses a decision on an item someone else holds a live claim on (CONFLICT, naming them).
 * Called inside the deciding transaction, after the item's row is locked.
 */
export async function assertClaimAllows(
  tx: Prisma.TransactionClient,
  { reference, staffId, now }: { reference: string; staffId: string; now: Date },
): Promise<void> {
  const item = await lockItem(tx, reference);
  if (isLive(item, now) && item.claimedById !== staffId)
    throw new AppError("CONFLICT", await heldBy(tx, item, reference));
}

/**
 * The holder opened the report: their live claims on its request and cases stay live.
 * (Staff page views may write; a sender's GET never does.)
 */
export async function touchClaims({ staffId, publicId, now = new Date() }: StaffReportRequest): Promise<void> {
  if (!isUuid(staffId)) return;
  const where = { block: { publicId }, claimedById: staffId, claimActiveAt: { gt: claimCutoff(now) } };
  await Promise.all([
    getDb().appeal.updateMany({ where, data: { claimActiveAt: now } }),
    getDb().complianceCase.updateMany({ where, data: { claimActiveAt: now } }),
  ]);
}

/**
 * Who can be given an item: a login that can sign in and act on it now. Not a disabled one,
 * nor an invitee who has not accepted yet: either would hold the item until its claim lapsed
 * while nobody could decide it.
 */
const CAN_ACT = { disabledAt: null, NOT: PENDING_INVITATION } satisfies Prisma.UserWhereInput;

/** The reviewers an admin may assign items to. Admins only (FORBIDDEN otherwise). */
export async function listAssignableStaff({
  staffId,
}: {
  staffId: string;
}): Promise<{ id: string; name: string; email: string }[]> {
  const me = isUuid(staffId) ? await getDb().user.findUnique({ where: { id: staffId }, select: { role: true } }) : null;
  if (!isAdminRole(me?.role)) throw new AppError("FORBIDDEN", "Only an admin can reassign a claimed item.");
  return getDb().user.findMany({
    where: { role: { in: [...STAFF_ROLES] }, ...CAN_ACT },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true },
  });
}

/**
 * The live claims on a report's open request and cases, by reference, as the report page
 * shows them; opening the page keeps the viewer's own claims live (touchClaims).
 * Callers: the staff console, for STAFF or ADMIN (checked here; FORBIDDEN otherwise).
 */
export async function claimsOnReport({
  staffId,
  publicId,
  now = new Date(),
}: StaffReportRequest): Promise<Record<string, ClaimView | null>> {
  await assertStaff(getDb(), staffId);
  await touchClaims({ staffId, publicId, now });
  const select = {
    reference: true,
    claimedById: true,
    claimedAt: true,
    claimActiveAt: true,
    claimedBy: { select: { name: true } },
  } as const;
  const [appeals, cases] = await Promise.all([
    getDb().appeal.findMany({ where: { block: { publicId }, status: { in: ["OPEN", "NEEDS_INFO"] } }, select }),
    getDb().complianceCase.findMany({ where: { block: { publicId }, status: "OPEN" }, select }),
  ]);
  return Object.fromEntries([...appeals, ...cases].map((item) => [item.reference, liveClaim(item, now)]));
}
