import pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { poolSize } from "@/lib/db/pools";
import { startBoss } from "@/lib/jobs/boss";
import { dispatchOutbox } from "@/lib/jobs/dispatcher";

let pool: pg.Pool;
let boss: PgBoss;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: poolSize("outbox") });
  boss = await startBoss(inject("databaseUrl"), () => {}, poolSize("jobs"));
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await pool?.end();
});

describe("the outbox dispatcher", () => {
  it("moves rows of the topics it knows, and leaves a row of an unknown topic waiting without stopping the rest", async () => {
    // A row a newer version of the app wrote (a topic this worker does not know), then a known one behind it.
    const future = await getDb().outboxMessage.create({ data: { topic: "future.topic", payload: {} } });
    const known = await getDb().outboxMessage.create({ data: { topic: "rate-limits.purge", payload: {} } });
    while ((await dispatchOutbox(pool, boss, 1000)) > 0);
    const rows = await getDb().outboxMessage.findMany({
      where: { id: { in: [future.id, known.id] } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => [row.topic, row.dispatchedAt !== null])).toEqual([
      ["future.topic", false],
      ["rate-limits.purge", true],
    ]);
    // Dispatched once: a second pass takes nothing more of ours.
    const jobs = await pool.query("SELECT 1 FROM pgboss.job WHERE name = $1 AND singleton_key = $2", [
      "rate-limits.purge",
      `outbox-${known.id}`,
    ]);
    expect(jobs.rowCount).toBe(1);
    await getDb().outboxMessage.delete({ where: { id: future.id } });
  });
});
