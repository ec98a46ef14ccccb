import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { getDb } from "@/lib/db/client";
import { requireDatabaseUrl } from "@/lib/env";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";

/*
 * The audit trail is append-only in the database itself, not only in the code that writes
 * it: every statement below is what a careless script, a restore tool or an attacker with
 * the app's connection would try. Each runs in its own transaction that is rolled back
 * afterwards, so even if the protection were missing the shared test database keeps its rows.
 */
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: requireDatabaseUrl() });
  await client.connect();
});
afterAll(async () => client?.end());

/** Runs the statements in one transaction and always rolls it back; resolves to the error, if any. */
async function attempt(...statements: [string, unknown[]?][]): Promise<{ code?: string; message: string } | null> {
  await client.query("BEGIN");
  try {
    for (const [text, values] of statements) await client.query(text, values);
    return null;
  } catch (error) {
    return error as { code?: string; message: string };
  } finally {
    await client.query("ROLLBACK");
  }
}

async function oneEvent() {
  const account = await createAccount();
  const smtpUser = await createSmtpUser(account.id);
  const { block } = await createBlock({ accountId: account.id, smtpUserId: smtpUser.id });
  return getDb().event.create({
    data: { blockId: block.id, accountId: account.id, type: "CREATED", actorType: "RELAY", data: { note: "original" } },
  });
}

async function oneAuditEntry() {
  return getDb().staffAudit.create({
    data: { actorEmail: "nobody@example.net", action: "SIGN_IN_FAILED", reason: "original" },
  });
}

const TABLES = [
  { table: "event", create: oneEvent, read: (id: bigint) => getDb().event.findUniqueOrThrow({ where: { id } }) },
  {
    table: "staff_audit",
    create: oneAuditEntry,
    read: (id: bigint) => getDb().staffAudit.findUniqueOrThrow({ where: { id } }),
  },
];

describe.each(TABLES)("the $table table is append-only", ({ table, create, read }) => {
  const update = `UPDATE ${table} SET created_at = created_at - interval '1 day' WHERE id = $1`;
  const remove = `DELETE FROM ${table} WHERE id = $1`;
  const replica = "SET LOCAL session_replication_role = replica";

  it("accepts new rows", async () => {
    const row = await create();
    expect(row.id).toBeGreaterThan(0n);
  });

  it.each([
    ["UPDATE", [update]],
    ["DELETE", [remove]],
    ["UPDATE as a replication client (session_replication_role = replica)", [replica, update]],
    ["DELETE as a replication client (session_replication_role = replica)", [replica, remove]],
    ["TRUNCATE", [`TRUNCATE ${table}`]],
  ] as const)("refuses %s with SQLSTATE 42501, and the row stays as written", async (_label, statements) => {
    const row = await create();
    const error = await attempt(
      ...statements.map(
        (text) => [text, text.includes("$1") ? [row.id.toString()] : undefined] as [string, unknown[]?],
      ),
    );
    expect(error?.message).toMatch(new RegExp(`${table} rows are append-only: (UPDATE|DELETE|TRUNCATE) refused`));
    expect(error?.code).toBe("42501");
    await expect(read(row.id)).resolves.toEqual(row);
  });
});
