import "server-only";
import type { SqlTx } from "@/lib/data/sql-tx";
import type { EvidenceItem } from "@/lib/evidence";
import type { ActorType, EventType } from "@/lib/generated/prisma/enums";
import type { BlockRow } from "./block-dto";

export interface EventInput {
  type: EventType;
  actor: { type: ActorType; id?: string | null };
  now: Date;
  data: Record<string, unknown>;
}

const EVENT_INSERT = `INSERT INTO event (block_id, account_id, type, actor_type, actor_id, data, created_at)
  VALUES ($1::uuid, $2::uuid, $3::event_type, $4::actor_type, $5, $6::jsonb, $7)`;

const eventValues = (block: Pick<BlockRow, "id" | "accountId">, event: EventInput) => [
  block.id,
  block.accountId,
  event.type,
  event.actor.type,
  event.actor.id ?? null,
  JSON.stringify(event.data),
  event.now,
];

/** Appends one event to a block's timeline. */
export async function insertEvent(
  sql: SqlTx,
  block: Pick<BlockRow, "id" | "accountId">,
  event: EventInput,
): Promise<void> {
  await sql.query(EVENT_INSERT, eventValues(block, event));
}

/*
 * A block's evidence and the event that brought it, in one statement. Items keep the
 * order they were sent in: each is stamped a microsecond after the previous one, so
 * sorting by created_at (the evidence index) returns the relay's order.
 */
export async function insertEvidenceWithEvent(
  sql: SqlTx,
  block: Pick<BlockRow, "id" | "accountId">,
  items: EvidenceItem[],
  event: EventInput,
): Promise<void> {
  await sql.query(
    `WITH items AS (
       INSERT INTO evidence (block_id, account_id, kind, observed_from, observed_to, data, created_at)
       SELECT $1::uuid, $2::uuid, (item->>'kind')::evidence_kind, (item->'window'->>'from')::timestamptz,
         (item->'window'->>'to')::timestamptz, item, $7::timestamptz + (position - 1) * interval '1 microsecond'
       FROM jsonb_array_elements($8::jsonb) WITH ORDINALITY AS list(item, position)
       RETURNING 1
     )
     ${EVENT_INSERT}`,
    [...eventValues(block, event), JSON.stringify(items)],
  );
}
