import { createHash, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runner } from "node-pg-migrate";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { MIGRATIONS_DIR } from "@/lib/db/migrate";
import { freePort } from "../support/embedded-db";

/*
 * A database as it was before report secrets were sealed, with a block and a rotated link,
 * upgraded by the migrations `npm start` applies: the links sent before keep working.
 */

let db: EmbeddedDatabase;
let dir: string;
const migrate = (count: number) =>
  runner({
    databaseUrl: db.url,
    dir: MIGRATIONS_DIR,
    migrationsTable: "pgmigrations",
    direction: "up",
    count,
    checkOrder: true,
    log: () => {},
  });
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-upgrade-"));
  await chmod(dir, 0o755);
  db = await startEmbeddedPostgres({
    dir: path.join(dir, "data"),
    port: await freePort(),
    database: "upgrade",
    persistent: false,
  });
});
afterAll(async () => {
  await db?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("upgrading to sealed report links", () => {
  it("keeps links issued before the upgrade working, and rotated ones gone", async () => {
    // Every migration before 20261207030000_report_link_sealed (however many other branches add).
    await migrate(
      readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith(".sql") && file < "20261207030000").length,
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const secret = randomBytes(32).toString("base64url");
      const rotated = randomBytes(32).toString("base64url");
      const publicId = randomBytes(10).toString("hex");
      const {
        rows: [account],
      } = await client.query(
        "INSERT INTO account (name, plan_name, limit_per_minute) VALUES ('Old', 'Standard', 600) RETURNING id",
      );
      const {
        rows: [user],
      } = await client.query("INSERT INTO smtp_user (account_id, username) VALUES ($1, 'old-user') RETURNING id", [
        account.id,
      ]);
      const {
        rows: [block],
      } = await client.query(
        `INSERT INTO block (public_id, secret_digest, account_id, smtp_user_id, reason, spam_score, abuse_score, rate_score, combined_score, threshold, smtp_reply)
         VALUES ($1, $2, $3, $4, 'SPAM', 90, 1, 1, 88, 70, '550 5.7.1 [SPAM] Sender blocked: spam content detected.') RETURNING id`,
        [publicId, sha256(secret), account.id, user.id],
      );
      await client.query("INSERT INTO retired_secret (secret_digest, block_id, account_id) VALUES ($1, $2, $3)", [
        sha256(rotated),
        block.id,
        account.id,
      ]);

      const applied = await migrate(Infinity);
      expect(applied.map((m) => m.name)).toContain("20261207030000_report_link_sealed");

      // The lookups the report page makes (by digest and public id) find the same answers.
      const found = await client.query("SELECT secret_sealed FROM block WHERE secret_digest = $1 AND public_id = $2", [
        sha256(secret),
        publicId,
      ]);
      expect(found.rows).toEqual([{ secret_sealed: null }]);
      const gone = await client.query(
        "SELECT 1 FROM retired_secret r JOIN block b ON b.id = r.block_id WHERE r.secret_digest = $1 AND b.public_id = $2",
        [sha256(rotated), publicId],
      );
      expect(gone.rowCount).toBe(1);
      // New blocks notify the policy service, and an old row can now hold a sealed secret.
      await client.query("UPDATE block SET secret_sealed = $1 WHERE id = $2", [randomBytes(60), block.id]);
    } finally {
      await client.end();
    }
  });
});
