import PgBoss from "pg-boss";
import { JOB_RETRY, JOB_TOPICS, type RetryPolicy } from "./topics";

/**
 * A started pg-boss on the application's own Postgres, with one queue per topic. The
 * retry policy is written to existing queues too (createQueue leaves them as they were),
 * so a change to JOB_RETRY takes effect on the next start.
 */
export async function startBoss(
  databaseUrl: string,
  onError: (error: Error) => void,
  /** Its pool's size (POOLS.jobs in lib/db/pools.ts). */
  max: number,
  retry: RetryPolicy = JOB_RETRY,
): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", max });
  boss.on("error", onError);
  await boss.start();
  for (const name of JOB_TOPICS) {
    await boss.createQueue(name, { name, ...retry, retentionDays: 7 });
    await boss.updateQueue(name, { name, ...retry });
  }
  return boss;
}
