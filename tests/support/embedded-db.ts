import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

export { freePort };

/** A throwaway real Postgres, migrated, removed again by the returned stop(). */
export async function startTestDatabase() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-pg-"));
  // Postgres runs as an unprivileged user when we are root, and must reach its data folder.
  await chmod(dir, 0o755);
  const db = await startEmbeddedPostgres({
    dir: path.join(dir, "data"),
    port: await freePort(),
    database: "block_reports_test",
    persistent: false,
  });
  await applyMigrations(db.url);
  return {
    url: db.url,
    async stop() {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
