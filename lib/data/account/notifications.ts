import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { NOTIFICATION_EVENTS, recipientFormSchema, type NotificationEvent } from "@/lib/account/notification-events";
import { enqueueMail } from "@/lib/data/appeals/enqueue-mail";
import { isUniqueViolation } from "@/lib/data/appeals/unique-violation";
import { isUuid } from "@/lib/data/ids";
import { consumeRateLimit } from "@/lib/data/rate-limit";
import { issueOneTimeLink, liveOneTimeLinkWhere, spendOneTimeLink } from "@/lib/data/users/one-time-links";
import { getDb, Prisma } from "@/lib/db/client";
import { equalsIgnoringCase } from "@/lib/db/text-filters";
import { queryRows } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { formatUtcDate, formatWait } from "@/lib/evidence/format";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import type { EventType } from "@/lib/generated/prisma/enums";
import { ownerScope } from "./scope";

export interface NotificationRecipientView {
  id: string;
  email: string;
  events: NotificationEvent[];
  /** When the address confirmed it wants the mail; null while it waits (and gets nothing but its confirmation link). */
  confirmedAt: Date | null;
  /** When its latest confirmation mail was queued (null for an address confirmed before confirmations existed). */
  confirmationSentAt: Date | null;
  /** Until when the latest confirmation link works; null once it is used, expired or retired. */
  confirmationExpiresAt: Date | null;
}

/** How long a confirmation link works. */
export const CONFIRMATION_DAYS = 7;
/**
 * Confirmation mails per hour (adding an address sends one, "Send the confirmation again"
 * another): per account, and per address of an account — the first mail and three more,
 * counted by the address itself, so removing and adding it again does not start over. An
 * owner cannot turn the confirmation into a way of mailing someone over and over.
 */
export const CONFIRMATION_LIMITS = { account: 10, address: 4, windowSeconds: 3600 } as const;

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
    select: {
      id: true,
      email: true,
      events: true,
      confirmedAt: true,
      confirmationSentAt: true,
      oneTimeLinks: {
        where: { purpose: "EMAIL_CONFIRMATION", usedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { expiresAt: "desc" },
        take: 1,
        select: { expiresAt: true },
      },
    },
  });
  return rows.map(({ oneTimeLinks, ...r }) => ({
    ...r,
    events: r.events.filter((e): e is NotificationEvent => e in NOTIFICATION_EVENTS),
    confirmationExpiresAt: r.confirmedAt ? null : (oneTimeLinks[0]?.expiresAt ?? null),
  }));
}

/** An address that unsubscribed itself from the account's notifications. */
export interface NotificationSuppressionView {
  email: string;
  unsubscribedAt: Date;
}

/**
 * The addresses that unsubscribed from the account's notifications: the owner sees them but
 * cannot add them again or lift it (only the address's own unsubscribe link can). Callers: the
 * owner portal, for an OWNER (their account only).
 */
export async function listNotificationSuppressions({
  ownerId,
}: {
  ownerId: string;
}): Promise<NotificationSuppressionView[]> {
  const { accountId } = await ownerScope(ownerId);
  return getDb().notificationSuppression.findMany({
    where: { accountId },
    orderBy: [{ email: "asc" }],
    select: { email: true, unsubscribedAt: true },
  });
}

/** Said when the owner adds an address that unsubscribed (the owner cannot undo it; the address can). */
export const suppressedMessage = (email: string, unsubscribedAt: Date) =>
  `${email} unsubscribed from this account's notifications on ${formatUtcDate(unsubscribedAt)}. We send it nothing more unless its owner subscribes again from the link in the last notification they received.`;

/**
 * Counts one confirmation mail to `email` from the account, per address and per account;
 * throws AppError RATE_LIMITED past either limit, saying which and when to try again.
 * (The address is counted by its digest: the counter table keeps no addresses.)
 */
async function limitConfirmations(accountId: string, email: string, adding: boolean): Promise<void> {
  const address = createHash("sha256").update(email.toLowerCase(), "utf8").digest("base64url");
  const limits: [string, number, string][] = [
    [
      `notification-confirmation:address:${accountId}:${address}`,
      CONFIRMATION_LIMITS.address,
      adding
        ? `${email} was sent its confirmation several times in the last hour, so it was not added again yet.`
        : `The confirmation was sent to ${email} several times in the last hour: ask them to look for it (and in their spam folder).`,
    ],
    [
      `notification-confirmation:account:${accountId}`,
      CONFIRMATION_LIMITS.account,
      `Your account has sent many confirmation mails in the last hour, so ${adding ? "this address was not added yet" : "none was sent now"}.`,
    ],
  ];
  for (const [key, max, what] of limits) {
    const result = await consumeRateLimit(key, max, CONFIRMATION_LIMITS.windowSeconds);
    if (!result.allowed)
      throw new AppError("RATE_LIMITED", `${what} Try again in ${formatWait(result.retryAfterSeconds)}.`);
  }
}

/** Issues a fresh confirmation link for the address (retiring its previous one) and queues its mail, in the caller's transaction. */
async function mailConfirmation(
  tx: Prisma.TransactionClient,
  recipient: { id: string; email: string; unsubscribeToken: string },
  accountName: string,
  now: Date,
): Promise<void> {
  const token = await issueOneTimeLink(tx, {
    recipientId: recipient.id,
    purpose: "EMAIL_CONFIRMATION",
    minutes: CONFIRMATION_DAYS * 24 * 60,
    now,
  });
  await tx.notificationRecipient.update({ where: { id: recipient.id }, data: { confirmationSentAt: now } });
  await enqueueMail(
    tx,
    recipient.email,
    {
      template: "notification-confirmation",
      data: {
        token,
        days: CONFIRMATION_DAYS,
        accountName: accountName.slice(0, 200),
        unsubscribeToken: recipient.unsubscribeToken,
      },
    },
    now,
  );
}

const alreadyListed = (email: string) =>
  `${email} is already on the list. To change the events it gets, use its own “Save events” under “Addresses notified”.`;

/**
 * Adds an address to the account's notifications, or changes the events of one already
 * there (by its id). An address already on the list is refused from the add form (INVALID,
 * on the email field), its events untouched. A new address waits for confirmation: it is mailed its confirmation link (one
 * mail, in the same transaction) and nothing else until it confirms. With `recipientId`
 * (an address's own form on the list) only that address's events change, never by adding:
 * an address removed meanwhile is NOT_FOUND, and nothing is mailed. Callers: the owner
 * portal, for an OWNER. Throws AppError INVALID, NOT_FOUND, CONFLICT, RATE_LIMITED. An address
 * that unsubscribed from the account is refused (CONFLICT) and mailed nothing: only its own
 * unsubscribe link can subscribe it again.
 */
export async function saveNotificationRecipient({
  ownerId,
  fields,
  now = new Date(),
}: {
  ownerId: string;
  fields: { email?: unknown; events: unknown; recipientId?: unknown };
  now?: Date;
}): Promise<{ email: string; added: boolean; confirmed: boolean }> {
  if (fields.recipientId !== undefined) return saveRecipientEvents(ownerId, fields.recipientId, fields.events);
  const parsed = recipientFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { accountId, accountName } = await ownerScope(ownerId);
  const { email, events } = parsed.data;
  const suppressed = await getDb().notificationSuppression.findFirst({
    where: { accountId, email: equalsIgnoringCase(email) },
    select: { email: true, unsubscribedAt: true },
  });
  if (suppressed) throw new AppError("CONFLICT", suppressedMessage(suppressed.email, suppressed.unsubscribedAt));
  const existing = await getDb().notificationRecipient.findFirst({
    where: { accountId, email: equalsIgnoringCase(email) },
    select: { id: true, email: true, confirmedAt: true },
  });
  // Refused, not saved over: the form's events (all ticked unless changed) would replace the ones chosen for it.
  if (existing)
    throw new AppError("INVALID", "Please check the highlighted fields.", {
      fieldErrors: { email: [alreadyListed(existing.email)] },
    });
  await limitConfirmations(accountId, email, true);
  try {
    await getDb().$transaction(async (tx) => {
      // Unsubscribed meanwhile (between the look above and now): refused all the same.
      const late = await tx.notificationSuppression.findFirst({
        where: { accountId, email: equalsIgnoringCase(email) },
        select: { email: true, unsubscribedAt: true },
      });
      if (late) throw new AppError("CONFLICT", suppressedMessage(late.email, late.unsubscribedAt));
      const recipient = await tx.notificationRecipient.create({
        data: { accountId, email, events, unsubscribeToken: randomBytes(24).toString("base64url"), createdAt: now },
        select: { id: true, email: true, unsubscribeToken: true },
      });
      await mailConfirmation(tx, recipient, accountName, now);
    });
  } catch (error) {
    if (isUniqueViolation(error, "notification_recipient_account_email_idx"))
      throw new AppError("CONFLICT", "This address was just added. Reload the page.");
    throw error;
  }
  return { email, added: true, confirmed: false };
}

/** The events of one address on the account's list, by its id; see saveNotificationRecipient. */
async function saveRecipientEvents(
  ownerId: string,
  recipientId: unknown,
  events: unknown,
): Promise<{ email: string; added: boolean; confirmed: boolean }> {
  const parsed = recipientFormSchema.pick({ events: true }).safeParse({ events });
  if (!parsed.success)
    throw new AppError("INVALID", "Please check the highlighted fields.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { accountId } = await ownerScope(ownerId);
  const gone = new AppError("NOT_FOUND", "This address is not on your list any more. Reload the page.");
  if (typeof recipientId !== "string" || !isUuid(recipientId)) throw gone;
  const rows = await getDb().notificationRecipient.updateManyAndReturn({
    where: { id: recipientId, accountId },
    data: { events: parsed.data.events },
    select: { email: true, confirmedAt: true },
  });
  if (!rows[0]) throw gone;
  return { email: rows[0].email, added: false, confirmed: rows[0].confirmedAt !== null };
}

/**
 * "Send the confirmation again": a new link to an address of the owner's account that has
 * not confirmed yet (its earlier link stops working). Callers: the owner portal, for an
 * OWNER. Throws AppError NOT_FOUND (not on their list), CONFLICT (already confirmed),
 * RATE_LIMITED.
 */
export async function resendRecipientConfirmation({
  ownerId,
  recipientId,
  now = new Date(),
}: {
  ownerId: string;
  recipientId: string;
  now?: Date;
}): Promise<{ email: string }> {
  const { accountId, accountName } = await ownerScope(ownerId);
  const recipient = isUuid(recipientId)
    ? await getDb().notificationRecipient.findFirst({
        where: { id: recipientId, accountId },
        select: { id: true, email: true, unsubscribeToken: true, confirmedAt: true },
      })
    : null;
  if (!recipient) throw new AppError("NOT_FOUND", "This address is not on your list. Reload the page.");
  if (recipient.confirmedAt)
    throw new AppError("CONFLICT", `${recipient.email} is already confirmed: nothing to send.`);
  await limitConfirmations(accountId, recipient.email, false);
  await getDb().$transaction(async (tx) => {
    // Confirmed meanwhile (the link from an earlier mail): nothing to send.
    const still = await tx.notificationRecipient.count({ where: { id: recipient.id, confirmedAt: null } });
    if (still === 1) await mailConfirmation(tx, recipient, accountName, now);
  });
  return { email: recipient.email };
}

/**
 * The address a live confirmation link names, for the page its GET shows (which changes
 * nothing: mail scanners open links); null when the link is unknown, used or expired.
 * Anyone holding the link may call it.
 */
export async function findRecipientConfirmation(
  token: string,
  now = new Date(),
): Promise<{ email: string; accountName: string } | null> {
  const where = liveOneTimeLinkWhere(token, "EMAIL_CONFIRMATION", now);
  if (!where) return null;
  const link = await getDb().oneTimeLink.findFirst({
    where,
    select: { recipient: { select: { email: true, account: { select: { name: true } } } } },
  });
  return link?.recipient ? { email: link.recipient.email, accountName: link.recipient.account.name } : null;
}

/**
 * Confirms the address a confirmation link was issued to (that one address only) and uses
 * the link up; null when the link is unknown, used or expired. The link is the only
 * authority: no session is needed. Callers: the confirmation page's button (a POST).
 */
export async function confirmRecipient(
  token: string,
  now = new Date(),
): Promise<{ email: string; accountName: string } | null> {
  return getDb().$transaction(async (tx) => {
    const used = await spendOneTimeLink(token, "EMAIL_CONFIRMATION", tx, now);
    if (!used?.recipientId) return null;
    const [confirmed] = await tx.notificationRecipient.updateManyAndReturn({
      where: { id: used.recipientId },
      data: { confirmedAt: now },
      select: { email: true, account: { select: { name: true } } },
    });
    return confirmed ? { email: confirmed.email, accountName: confirmed.account.name } : null;
  });
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

const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{32}$/;

/**
 * The address an unsubscribe token names, for its page (a GET, which changes nothing):
 * `unsubscribedAt` is null while the address is on the list (the page asks to confirm), or
 * when it unsubscribed (the page offers to subscribe again). Null when the token is unknown.
 */
export async function findUnsubscribe(
  token: string,
): Promise<{ email: string; accountName: string; unsubscribedAt: Date | null } | null> {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return null;
  const row = await getDb().notificationRecipient.findUnique({
    where: { unsubscribeToken: token },
    select: { email: true, account: { select: { name: true } } },
  });
  if (row) return { email: row.email, accountName: row.account.name, unsubscribedAt: null };
  const gone = await getDb().notificationSuppression.findUnique({
    where: { unsubscribeToken: token },
    select: { email: true, unsubscribedAt: true, account: { select: { name: true } } },
  });
  return gone && { email: gone.email, accountName: gone.account.name, unsubscribedAt: gone.unsubscribedAt };
}

/**
 * One-click unsubscribe (RFC 8058): the token's address gets no more notifications, and its
 * account's owner cannot add it again. The address leaves the list and is kept as a
 * suppression of that account, with its events and token, so the same link can subscribe it
 * again. False when the token names no address on a list. Anyone holding the token may call it.
 */
export async function unsubscribe(token: string, now = new Date()): Promise<boolean> {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return false;
  return getDb().$transaction(async (tx) => {
    const [removed] = await queryRows(
      tx,
      Prisma.sql`DELETE FROM notification_recipient WHERE unsubscribe_token = ${token}
                 RETURNING account_id::text AS "accountId", email, events`,
      z.object({ accountId: z.string(), email: z.string(), events: z.array(z.string()) }),
    );
    if (!removed) return false;
    // The list has one row per address ignoring case, so the account has no other suppression of it.
    await tx.notificationSuppression.create({
      data: { ...removed, unsubscribeToken: token, unsubscribedAt: now },
    });
    return true;
  });
}

/**
 * "Subscribe again" on the unsubscribe page (a POST): lifts the token's suppression and puts
 * the address back on its account's list with the events it had, confirmed (the address
 * itself asks, with the link from its own mail) and the same unsubscribe link. Null when the
 * token names no suppression. Anyone holding the token may call it; the owner cannot.
 */
export async function resubscribe(
  token: string,
  now = new Date(),
): Promise<{ email: string; accountName: string } | null> {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return null;
  return getDb().$transaction(async (tx) => {
    const [lifted] = await queryRows(
      tx,
      Prisma.sql`DELETE FROM notification_suppression s WHERE s.unsubscribe_token = ${token}
                 RETURNING s.account_id::text AS "accountId", s.email, s.events,
                   (SELECT name FROM account WHERE id = s.account_id) AS "accountName"`,
      z.object({ accountId: z.string(), email: z.string(), events: z.array(z.string()), accountName: z.string() }),
    );
    if (!lifted) return null;
    // Never on the list meanwhile: adding a suppressed address is refused.
    await tx.notificationRecipient.create({
      data: {
        accountId: lifted.accountId,
        email: lifted.email,
        events: lifted.events,
        unsubscribeToken: token,
        createdAt: now,
        confirmedAt: now,
      },
    });
    return { email: lifted.email, accountName: lifted.accountName };
  });
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
    const recipients = accounts.length ? await recipientsToNotify(tx, accounts) : [];
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

/**
 * The accounts' addresses to mail: confirmed ones only (one waiting for confirmation gets its
 * confirmation link and nothing else), and never one that unsubscribed from that account —
 * unsubscribing takes the address off the list, and this check holds even if it came back.
 */
async function recipientsToNotify(tx: Prisma.TransactionClient, accounts: string[]) {
  const recipients = await tx.notificationRecipient.findMany({
    where: { accountId: { in: accounts }, confirmedAt: { not: null } },
  });
  const suppressions = await tx.notificationSuppression.findMany({
    where: { accountId: { in: accounts } },
    select: { accountId: true, email: true },
  });
  const key = (r: { accountId: string; email: string }) => `${r.accountId} ${r.email.toLowerCase()}`;
  const suppressed = new Set(suppressions.map(key));
  return recipients.filter((r) => !suppressed.has(key(r)));
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
