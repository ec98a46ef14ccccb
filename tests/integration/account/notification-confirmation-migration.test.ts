import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { runner } from "node-pg-migrate";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrate";
import { createEmptyDatabase } from "../sender-actions/fresh-modules";

const MIGRATION = "20261209100100_notification_recipient_confirmation";

/** A new database on the run's server with the migrations before `MIGRATION` applied. */
async function databaseBefore(): Promise<string> {
  const url = await createEmptyDatabase("before_confirmation");
  const before = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql") && f < MIGRATION).length;
  await runner({
    databaseUrl: url,
    dir: MIGRATIONS_DIR,
    migrationsTable: "pgmigrations",
    direction: "up",
    count: before,
    log: () => {},
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  return url;
}

describe(`migration ${MIGRATION}`, () => {
  it("marks the addresses already on a list confirmed (when they were added), so nobody silently loses notifications; a link has exactly one holder", async () => {
    const url = await databaseBefore();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const {
        rows: [account],
      } = await db.query<{ id: string }>(
        "INSERT INTO account (name, plan_name, limit_per_minute) VALUES ('Old', 'Starter', 10) RETURNING id",
      );
      await db.query(
        `INSERT INTO notification_recipient (account_id, email, events, unsubscribe_token, created_at)
         VALUES ($1, 'old@example.org', '{created}', $2, '2026-11-01T10:00:00Z')`,
        [account!.id, randomBytes(24).toString("base64url")],
      );
      expect(await applyMigrations(url)).toContain(MIGRATION);
      const { rows } = await db.query(
        "SELECT email, confirmed_at, confirmation_sent_at FROM notification_recipient ORDER BY email",
      );
      expect(rows).toEqual([
        { email: "old@example.org", confirmed_at: new Date("2026-11-01T10:00:00Z"), confirmation_sent_at: null },
      ]);

      // A link belongs to a login or to an address, never both or neither; a confirmation link to an address.
      const {
        rows: [recipient],
      } = await db.query<{ id: string }>("SELECT id FROM notification_recipient");
      const insert = (purpose: string, userId: string | null, recipientId: string | null) =>
        db.query(
          `INSERT INTO one_time_link (purpose, user_id, recipient_id, token_digest, expires_at)
           VALUES ($1, $2, $3, $4, now())`,
          [purpose, userId, recipientId, randomBytes(32)],
        );
      await expect(insert("PASSWORD_RESET", null, null)).rejects.toThrow(/one_time_link_one_holder/);
      await expect(insert("PASSWORD_RESET", null, recipient!.id)).rejects.toThrow(/one_time_link_confirmation_holder/);
      await insert("EMAIL_CONFIRMATION", null, recipient!.id);
      // Removing the address removes its link.
      await db.query("DELETE FROM notification_recipient");
      expect((await db.query("SELECT count(*)::int AS n FROM one_time_link")).rows).toEqual([{ n: 0 }]);
    } finally {
      await db.end();
    }
  });
});
