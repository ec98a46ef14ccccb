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
  return getDb().event.create({ data: { blockId: block.id, accountId: account.id, type: "CREATED", actorType: "RELAY", data: { note: "original" } } });
}

describe("the event table is append-only", () => {
  it("accepts new rows", async () => {
    const event = await oneEvent();
    expect(event.id).toBeGreaterThan(0n);
  });

  it.each([
    ["UPDATE", [[`UPDATE event SET data = '{"note":"rewritten"}' WHERE id = $1`]]],
    ["DELETE", [["DELETE FROM event WHERE id = $1"]]],
    ["UPDATE as a replication client (session_replication_role = replica)", [["SET LOCAL session_replication_role = replica"], [`UPDATE event SET data = '{"note":"rewritten"}' WHERE id = $1`]]],
    ["DELETE as a replication client (session_replication_role = replica)", [["SET LOCAL session_replication_role = replica"], ["DELETE FROM event WHERE id = $1"]]],
    ["TRUNCATE", [["TRUNCATE event"]]],
  ] as const)("refuses %s with SQLSTATE 42501, and the row stays as written", async (_label, statements) => {
    const event = await oneEvent();
    const withId = statements.map(([text]) => [text, text.includes("$1") ? [event.id.toString()] : undefined] as [string, unknown[]?]);
    const error = await attempt(...withId);
    expect(error?.message).toMatch(/event rows are append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    expect(error?.code).toBe("42501");
    const stored = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored.data).toEqual({ note: "original" });
  });
});
