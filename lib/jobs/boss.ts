import PgBoss from "pg-boss";
import { JOB_RETRY, JOB_TOPICS } from "./topics";

/** A started pg-boss on the application's own Postgres, with one queue per topic. */
export async function startBoss(databaseUrl: string, onError: (error: Error) => void): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", max: 4 });
  boss.on("error", onError);
  await boss.start();
  for (const name of JOB_TOPICS) {
    await boss.createQueue(name, { name, ...JOB_RETRY, retentionDays: 7 });
  }
  return boss;
}
