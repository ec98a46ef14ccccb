import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/data/transaction";
import { Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import type { EvidenceItem } from "@/lib/evidence";
import type { ActorType, EventType } from "@/lib/generated/prisma/enums";
import type { BlockRow } from "./block-dto";

export interface EventInput {
  type: EventType;
  actor: { type: ActorType; id?: string | null };
  now: Date;
  data: Record<string, unknown>;
}

const eventData = (block: Pick<BlockRow, "id" | "accountId">, event: EventInput) => ({
  blockId: block.id,
  accountId: block.accountId,
  type: event.type,
  actorType: event.actor.type,
  actorId: event.actor.id ?? null,
  data: event.data as Prisma.InputJsonObject,
  createdAt: event.now,
});

/** Appends one event to a block's timeline. */
export async function insertEvent(db: Tx, block: Pick<BlockRow, "id" | "accountId">, event: EventInput): Promise<void> {
  await db.event.create({ data: eventData(block, event) });
}

/** Appends one event to each block's timeline, in one statement. */
export async function insertEvents(db: Tx, events: { block: Pick<BlockRow, "id" | "accountId">; event: EventInput }[]) {
  if (events.length > 0) await db.event.createMany({ data: events.map(({ block, event }) => eventData(block, event)) });
}

/**
 * The evidence rows of `items` for the block in `blockSql` (an SQL expression, e.g. a
 * CTE's column, from the FROM item `from`): shared by a new block's single statement (insert-new-block.ts) and by
 * evidence added to an open block. Items keep the order they were sent in: each is
 * stamped a microsecond after the previous one, so sorting by created_at (the evidence
 * index) returns the relay's order — a precision a JavaScript Date (milliseconds), and so
 * the model API, cannot write.
 */
export const evidenceInsertSql = (
  blockId: Prisma.Sql,
  accountId: Prisma.Sql,
  items: EvidenceItem[],
  now: Date,
  from?: Prisma.Sql,
) =>
  Prisma.sql`INSERT INTO evidence (block_id, account_id, kind, observed_from, observed_to, data, created_at)
       SELECT ${blockId}, ${accountId}, (item->>'kind')::evidence_kind, (item->'window'->>'from')::timestamptz,
         (item->'window'->>'to')::timestamptz, item, ${now}::timestamptz + (position - 1) * interval '1 microsecond'
       FROM ${from ? Prisma.sql`${from}, ` : Prisma.empty}jsonb_array_elements(${JSON.stringify(items)}::jsonb) WITH ORDINALITY AS list(item, position)`;

/** A block's evidence and the event that brought it (evidenceInsertSql, then the event through the model API). */
export async function insertEvidenceWithEvent(
  db: Tx,
  block: Pick<BlockRow, "id" | "accountId">,
  items: EvidenceItem[],
  event: EventInput,
): Promise<void> {
  await queryRows(
    db,
    evidenceInsertSql(Prisma.sql`${block.id}::uuid`, Prisma.sql`${block.accountId}::uuid`, items, event.now),
    z.never(),
  );
  await insertEvent(db, block, event);
}
