import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { NOTIFICATION_EVENTS, recipientFormSchema, type NotificationEvent } from "@/lib/account/notification-events";
import { enqueueMail } from "@/lib/data/appeals/enqueue-mail";
import { isUniqueViolation } from "@/lib/data/appeals/unique-violation";
import { isUuid } from "@/lib/data/ids";
import { getDb, Prisma } from "@/lib/db/client";
import { equalsIgnoringCase } from "@/lib/db/text-filters";
import { queryRows } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import type { EventType } from "@/lib/generated/prisma/enums";
import { ownerScope } from "./scope";

export interface NotificationRecipientView {
  id: string;
  email: string;
  events: NotificationEvent[];
}

/** The account's notification addresses. Callers: the owner portal, for an OWNER (their account only). */
export async function listNotificationRecipients({
  ownerId,
}: {
  ownerId: string;
}): Promise<NotificationRecipientView[]> {
  const { accountId } = await ownerScope(ownerId);
  const rows = await getDb().notificationRecipient.findMany({
    where: { accountId },
    orderBy: [{ email: "asc" }],
    select: { id: true, email: true, events: true },
  });
  return rows.map((r) => ({ ...r, events: r.events.filter((e): e is NotificationEvent => e in NOTIFICATION_EVENTS) }));
}

/**
 * Adds an address to the account's notifications, or changes the events of one already
 * there. Callers: the owner portal, for an OWNER. Throws AppError INVALID, NOT_FOUND.
 */
export async function saveNotificationRecipient({
  ownerId,
  fields,
}: {
  ownerId: string;
  fields: { email: unknown; events: unknown };
}): Promise<{ email: string }> {
  const parsed = recipientFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { accountId } = await ownerScope(ownerId);
  const { email, events } = parsed.data;
  const existing = await getDb().notificationRecipient.findFirst({
    where: { accountId, email: equalsIgnoringCase(email) },
    select: { id: true },
  });
  try {
    if (existing) await getDb().notificationRecipient.update({ where: { id: existing.id }, data: { events } });
    else
      await getDb().notificationRecipient.create({
        data: { accountId, email, events, unsubscribeToken: randomBytes(24).toString("base64url") },
      });
  } catch (error) {
    if (isUniqueViolation(error, "notification_recipient_account_email_idx"))
      throw new AppError("CONFLICT", "This address was just added. Reload the page.");
    throw error;
  }
  return { email };
}

/** Removes an address from the owner's account (another account's is NOT_FOUND). */
export async function removeNotificationRecipient({
  ownerId,
  recipientId,
}: {
  ownerId: string;
  recipientId: string;
}): Promise<void> {
  const { accountId } = await ownerScope(ownerId);
  const removed = isUuid(recipientId)
    ? await getDb().notificationRecipient.deleteMany({ where: { id: recipientId, accountId } })
    : { count: 0 };
  if (removed.count !== 1) throw new AppError("NOT_FOUND", "This address is not on your list.");
}

/** The address an unsubscribe token names, for the page that asks to confirm; null when unknown. */
export async function findUnsubscribe(token: string): Promise<{ email: string; accountName: string } | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
  const row = await getDb().notificationRecipient.findUnique({
    where: { unsubscribeToken: token },
    select: { email: true, account: { select: { name: true } } },
  });
  return row && { email: row.email, accountName: row.account.name };
}

/** One-click unsubscribe (RFC 8058): the token's address gets no more notifications. Anyone holding the token may call it. */
export async function unsubscribe(token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return false;
  const removed = await getDb().notificationRecipient.deleteMany({ where: { unsubscribeToken: token } });
  return removed.count > 0;
}

const EVENT_KEY = Object.fromEntries(
  Object.entries(NOTIFICATION_EVENTS).flatMap(([key, value]) =>
    value.eventTypes.map((type) => [type, key as NotificationEvent]),
  ),
) as Partial<Record<EventType, NotificationEvent>>;

const CURSOR = "owner-notifications";
/** Events are read once they are this old, so one committed late behind a newer id is not skipped. */
const SETTLE_MS = 30_000;

/** Batches one run reads at most: a run a minute keeps up with 50,000 events a minute. */
const MAX_BATCHES_PER_RUN = 100;

/**
 * The worker's "owners.notify" job: turns the block events since the last run into mails
 * to the addresses each account chose for them, through the outbox (one transaction with
 * the cursor per batch, so an event is announced once). Reads batch after batch until it
 * has caught up, so a busy minute is not carried over into the next. Returns how many mails
 * were queued. Callers: the worker (the system).
 */
export async function notifyOwners({
  now = new Date(),
  batch = 500,
}: { now?: Date; batch?: number } = {}): Promise<number> {
  let queued = 0;
  for (let run = 0; run < MAX_BATCHES_PER_RUN; run += 1) {
    const result = await notifyOwnersBatch(now, batch);
    queued += result.queued;
    if (result.read < batch) break;
  }
  return queued;
}

async function notifyOwnersBatch(now: Date, batch: number): Promise<{ read: number; queued: number }> {
  return getDb().$transaction(async (tx) => {
    // The lock serialises two workers; the first run starts from the newest event, not from history.
    let last = await lockCursor(tx);
    if (last === null) {
      const newest = await tx.event.aggregate({ _max: { id: true } });
      await tx.notificationCursor.createMany({
        data: [{ name: CURSOR, lastEventId: newest._max.id ?? 0n }],
        skipDuplicates: true, // another worker's first run got there first: go on from its cursor
      });
      last = await lockCursor(tx);
    }
    const events = await tx.event.findMany({
      where: { id: { gt: last ?? 0n }, createdAt: { lte: new Date(now.getTime() - SETTLE_MS) } },
      orderBy: { id: "asc" },
      take: batch,
      select: {
        id: true,
        type: true,
        accountId: true,
        data: true,
        block: { select: { publicId: true, reason: true, status: true, smtpUser: { select: { username: true } } } },
      },
    });
    if (events.length === 0) return { read: 0, queued: 0 };
    const wanted = events.filter((e) => EVENT_KEY[e.type]);
    const accounts = [...new Set(wanted.map((e) => e.accountId))];
    const recipients = accounts.length
      ? await tx.notificationRecipient.findMany({ where: { accountId: { in: accounts } } })
      : [];
    let queued = 0;
    for (const event of wanted) {
      const key = EVENT_KEY[event.type]!;
      for (const r of recipients.filter((rec) => rec.accountId === event.accountId && rec.events.includes(key))) {
        const decision = (event.data as { decision?: unknown } | null)?.decision;
        await enqueueMail(
          tx,
          r.email,
          {
            template: "owner-notice",
            data: {
              event: key,
              publicId: event.block.publicId,
              reason: event.block.reason,
              smtpUser: event.block.smtpUser.username.slice(0, 200),
              outcome: decision === "APPROVED" || decision === "DENIED" ? decision : null,
              endedAs: event.type === "EXPIRED" ? "EXPIRED" : event.type === "LIFTED" ? "LIFTED" : null,
              unsubscribeToken: r.unsubscribeToken,
            },
          },
          now,
        );
        queued += 1;
      }
    }
    await tx.notificationCursor.update({
      where: { name: CURSOR },
      data: { lastEventId: events[events.length - 1]!.id },
    });
    return { read: events.length, queued };
  });
}

/** The cursor's last announced event, its row locked until the transaction ends (FOR UPDATE, which the model API does not take); null before the first run. */
async function lockCursor(tx: Prisma.TransactionClient): Promise<bigint | null> {
  const [row] = await queryRows(
    tx,
    Prisma.sql`SELECT last_event_id::text AS last FROM notification_cursor WHERE name = ${CURSOR} FOR UPDATE`,
    z.object({ last: z.string().regex(/^\d+$/).transform(BigInt) }),
  );
  return row?.last ?? null;
}
