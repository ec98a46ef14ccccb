import type PgBoss from "pg-boss";
import type pg from "pg";
import { JOB_TOPICS, type JobTopic } from "./topics";

const isTopic = (topic: string): topic is JobTopic => (JOB_TOPICS as readonly string[]).includes(topic);

/**
 * Moves committed outbox rows into pg-boss. The job is created with the same database
 * transaction that marks the row dispatched, so each row becomes exactly one job even if
 * the process dies midway; SKIP LOCKED lets several workers share the outbox. Only topics
 * this worker knows are taken: a row for a topic a newer version added waits for a worker
 * that knows it (a rolling deploy), instead of stopping every row behind it.
 */
export async function dispatchOutbox(pool: pg.Pool, boss: PgBoss, batchSize = 100): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string; topic: string; payload: object }>(
      `SELECT id, topic, payload FROM outbox_message
       WHERE dispatched_at IS NULL AND topic = ANY($2::text[]) ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batchSize, JOB_TOPICS],
    );
    const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
    for (const row of rows) {
      if (!isTopic(row.topic)) throw new Error(`outbox row ${row.id} has unknown topic ${row.topic}`);
      await boss.send(row.topic, { ...row.payload, outboxId: row.id }, { db, singletonKey: `outbox-${row.id}` });
    }
    if (rows.length > 0) {
      await client.query("UPDATE outbox_message SET dispatched_at = now() WHERE id = ANY($1::bigint[])", [
        rows.map((r) => r.id),
      ]);
    }
    await client.query("COMMIT");
    return rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
