import pg from "pg";
import { generateReference } from "@/lib/appeals/reference";

const BATCH = 10_000;

/*
 * Open review requests on bulk blocks, for the staff console's benchmark: `count` blocks of
 * the bulk accounts without a request get one (status OPEN, submitted shortly after the
 * block), and are under review again (a history block is reopened: its end and lift reason
 * cleared, and a sender address of its own, as only one block per SMTP user and sender
 * address may be open). References are drawn at random like the app's; a collision is skipped and made
 * up in the next round.
 */
export async function addReviewRequests(
  databaseUrl: string,
  count: number,
  onBatch?: (done: number) => void,
): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let done = 0;
  try {
    while (done < count) {
      const size = Math.min(BATCH, count - done);
      const references = [...new Set(Array.from({ length: size }, () => generateReference("A")))];
      const { rows } = await client.query<{ added: string }>(
        `WITH picked AS (
           SELECT b.id, b.account_id, b.created_at, b.status, acc.name AS account_name, b.public_id, row_number() OVER () AS n
             FROM block b JOIN account acc ON acc.id = b.account_id
            WHERE acc.name LIKE 'bulk-acct-%' AND NOT EXISTS (SELECT 1 FROM appeal a WHERE a.block_id = b.id)
            LIMIT $2),
         added AS (
           INSERT INTO appeal (reference, block_id, account_id, contact_email, explanation, answers, traffic_stopped, created_at, updated_at)
           SELECT r.reference, p.id, p.account_id, 'postmaster@bulk.example',
                  'We stopped the campaign, removed the purchased list and confirmed opt-in for the rest.',
                  '{}'::jsonb, true, least(now(), p.created_at + interval '2 hours'), least(now(), p.created_at + interval '2 hours')
             FROM picked p JOIN unnest($1::text[]) WITH ORDINALITY AS r(reference, n) ON r.n = p.n
           ON CONFLICT (reference) DO NOTHING
           RETURNING block_id),
         reopened AS (
           UPDATE block b SET status = 'UNDER_REVIEW', ended_at = NULL, lift_reason = NULL,
                  sender_address = CASE WHEN p.status IN ('LIFTED', 'EXPIRED') THEN format('review-%s@%s.example', p.public_id, p.account_name) ELSE b.sender_address END
             FROM picked p
            WHERE b.id = p.id AND b.id IN (SELECT block_id FROM added)
           RETURNING 1)
         SELECT count(*)::text AS added FROM reopened`,
        [references, references.length],
      );
      const added = Number(rows[0]?.added ?? 0);
      if (added === 0) break; // no bulk block without a request is left
      done += added;
      onBatch?.(done);
    }
    await client.query("ANALYZE appeal, block");
    return done;
  } finally {
    await client.end();
  }
}
