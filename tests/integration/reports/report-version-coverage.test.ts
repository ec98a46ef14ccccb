import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { getReportVersion } from "@/lib/reports/data/report-version";
import { requireDatabaseUrl } from "@/lib/env";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";
import { complaintRateItem, spamRulesItem } from "../../support/evidence-fixtures";

/*
 * The report's version (report-version.ts) is a hand-kept summary of what the report
 * document (get-report.ts) reads, and a cached page is only as honest as that summary. This
 * test does not trust a list of changes someone thought of: it finds every table that hangs
 * off a block (by its foreign keys), fills each for one report, then changes every column of
 * every row the report could read — and inserts a copy of every child row — one at a time,
 * through plain SQL as a careless writer would. Whenever the document changed, the version
 * must have changed too. A new table or column the report starts showing fails here until
 * the version covers it.
 */

const NOW = new Date("2026-12-01T12:00:00Z");
// The columns that make the link itself: changing them makes a different (or no) report.
const LINK_COLUMNS = new Set(["block.public_id", "block.secret_digest"]);

let sql: pg.Pool;

interface Column {
  name: string;
  dataType: string;
  udtName: string;
  isIdentity: boolean;
  hasDefault: boolean;
}

async function columnsOf(table: string): Promise<Column[]> {
  const { rows } = await sql.query<{
    column_name: string;
    data_type: string;
    udt_name: string;
    is_identity: string;
    column_default: string | null;
  }>(
    `SELECT column_name, data_type, udt_name, is_identity, column_default FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => ({
    name: row.column_name,
    dataType: row.data_type,
    udtName: row.udt_name,
    isIdentity: row.is_identity === "YES",
    hasDefault: row.column_default !== null,
  }));
}

/** Columns that are keys (primary or foreign): changing them moves rows, not what they say. */
async function keyColumnsOf(table: string): Promise<Set<string>> {
  const { rows } = await sql.query<{ column_name: string }>(
    `SELECT a.attname AS column_name FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'f')`,
    [table],
  );
  return new Set(rows.map((row) => row.column_name));
}

async function primaryKeyOf(table: string): Promise<string> {
  const { rows } = await sql.query<{ column_name: string }>(
    `SELECT a.attname AS column_name FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.conrelid = $1::regclass AND c.contype = 'p'`,
    [table],
  );
  return rows[0]!.column_name;
}

/**
 * Every table whose rows hang off a block, directly or through another such table, with a
 * query for the primary keys (as text) of its rows that belong to block $1.
 */
async function childTables(): Promise<Map<string, string>> {
  const { rows } = await sql.query<{ child: string; parent: string; child_column: string; parent_column: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            ca.attname AS child_column, pa.attname AS parent_column
       FROM pg_constraint c
       JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  // table -> the rows of it that belong to block $1, as "WHERE" over that table
  const belongs = new Map<string, string>([["block", "id = $1"]]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const fk of rows) {
      const parent = belongs.get(fk.parent);
      if (!parent || belongs.has(fk.child) || fk.child === fk.parent) continue;
      belongs.set(fk.child, `${fk.child_column} IN (SELECT ${fk.parent_column} FROM ${fk.parent} WHERE ${parent})`);
      grew = true;
    }
  }
  belongs.delete("block");
  const tables = new Map<string, string>();
  for (const [table, where] of belongs)
    tables.set(table, `SELECT ${await primaryKeyOf(table)}::text AS id FROM ${table} WHERE ${where}`);
  return tables;
}

/** An UPDATE expression that gives the column a different value of its own type, or null where there is none. */
function changed(column: Column, enumLabels: Map<string, string[]>, current: unknown): string | null {
  const name = `"${column.name}"`;
  switch (column.dataType) {
    case "text":
    case "character varying":
      return `coalesce(${name}, '') || '~'`;
    case "character":
      return null; // fixed-format codes (public ids, digests) carry their own CHECK
    case "integer":
    case "smallint":
    case "bigint":
    case "numeric":
    case "double precision":
    case "real":
      return `coalesce(${name}, 0) + 1`;
    case "boolean":
      return `NOT coalesce(${name}, false)`;
    case "timestamp with time zone":
    case "timestamp without time zone":
      return `coalesce(${name}, now()) - interval '7 minutes'`;
    case "jsonb":
      return `CASE jsonb_typeof(${name}) WHEN 'object' THEN ${name} || '{"zz": 1}' WHEN 'array' THEN ${name} || '[1]' ELSE to_jsonb('x'::text) END`;
    case "USER-DEFINED": {
      const other = enumLabels.get(column.udtName)?.find((label) => label !== current);
      return other ? `'${other}'::${column.udtName}` : null;
    }
    default:
      return null; // uuid, bytea: identifiers and digests
  }
}

describe("the report's version covers everything the report shows", () => {
  let link: { publicId: string; secret: string };
  let blockId: string;
  const findings: string[] = [];
  const covered: string[] = [];

  beforeAll(async () => {
    sql = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 2 });
    const account = await createAccount();
    const smtpUser = await createSmtpUser(account.id);
    const { block, secret } = await createBlock({
      accountId: account.id,
      smtpUserId: smtpUser.id,
      senderAddress: "news@example.com",
    });
    blockId = block.id;
    link = { publicId: block.publicId, secret };
    const db = getDb();
    await db.block.update({
      where: { id: block.id },
      data: { expiresAt: new Date(NOW.getTime() + 86_400_000), liftReason: "not yet" },
    });
    for (const item of [spamRulesItem(), complaintRateItem()]) {
      await db.evidence.create({
        data: {
          blockId: block.id,
          accountId: account.id,
          kind: item.kind,
          observedFrom: new Date(item.window.from),
          observedTo: new Date(item.window.to),
          data: item as object,
        },
      });
    }
    await db.event.create({ data: { blockId: block.id, accountId: account.id, type: "CREATED", actorType: "RELAY" } });
    const appeal = await db.appeal.create({
      data: {
        blockId: block.id,
        accountId: account.id,
        reference: `A-${randomBytes(4).toString("hex")}`,
        contactEmail: "ops@example.com",
        explanation: "We removed the purchased list and stopped the campaign.",
        trafficStopped: true,
        status: "NEEDS_INFO",
        infoRequest: "Which list?",
      },
    });
    await db.appealMessage.create({
      data: { appealId: appeal.id, accountId: account.id, author: "STAFF", body: "Which list did you use?" },
    });
    const kase = await db.complianceCase.create({
      data: {
        blockId: block.id,
        accountId: account.id,
        reference: `C-${randomBytes(4).toString("hex")}`,
        bundle: {},
        bundleDigest: "d".repeat(64),
      },
    });
    await db.caseMessage.create({
      data: { caseId: kase.id, accountId: account.id, note: "Please look again.", contactEmail: "ops@example.com" },
    });
    await db.retiredSecret.create({
      data: { secretDigest: randomBytes(32), blockId: block.id, accountId: account.id },
    });
  });

  afterAll(async () => {
    await sql.end();
  });

  async function snapshot(): Promise<{ document: string; version: string }> {
    const version = await getReportVersion(link, NOW);
    let document: string;
    try {
      document = JSON.stringify(await getReportByLink(link, NOW));
    } catch (error) {
      document = `error: ${(error as Error).message}`;
    }
    return { document, version: version.outcome === "found" ? version.version : version.outcome };
  }

  /** Applies one change; records whether the document moved without the version. */
  async function check(label: string, change: () => Promise<unknown>) {
    const before = await snapshot();
    try {
      await change();
    } catch {
      return; // the database refused the change (a CHECK, a unique index, an append-only trigger): nobody can make it
    }
    const after = await snapshot();
    if (after.document === before.document) return;
    covered.push(label);
    if (after.version === before.version) findings.push(label);
  }

  it("fills every table that hangs off a block, so each one is tried", async () => {
    const tables = await childTables();
    const empty: string[] = [];
    for (const [table, ids] of tables) {
      const { rowCount } = await sql.query(ids, [blockId]);
      if (!rowCount) empty.push(table);
    }
    // A new table that belongs to a block needs a row in this test's report (beforeAll).
    expect(empty).toEqual([]);
  });

  it("changes with every column and every new row the document shows", async () => {
    const { rows: enums } = await sql.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname::text AS typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const enumLabels = new Map(enums.map((row) => [row.typname, row.labels]));
    const {
      rows: [block],
    } = await sql.query<{ smtp_user_id: string; account_id: string }>(
      "SELECT smtp_user_id, account_id FROM block WHERE id = $1",
      [blockId],
    );
    const targets: { table: string; ids: string[] }[] = [
      { table: "block", ids: [blockId] },
      { table: "smtp_user", ids: [block!.smtp_user_id] },
      { table: "account", ids: [block!.account_id] },
    ];
    for (const [table, ids] of await childTables()) {
      const { rows } = await sql.query<{ id: string }>(ids, [blockId]);
      targets.push({ table, ids: rows.map((row) => String(row.id)) });
    }

    for (const { table, ids } of targets) {
      const columns = await columnsOf(table);
      const keys = await keyColumnsOf(table);
      const where = `${await primaryKeyOf(table)}::text = $1`;
      for (const id of ids) {
        for (const column of columns) {
          if (keys.has(column.name) || LINK_COLUMNS.has(`${table}.${column.name}`)) continue;
          const {
            rows: [current],
          } = await sql.query<{ value: string | null }>(
            `SELECT "${column.name}"::text AS value FROM ${table} WHERE ${where}`,
            [id],
          );
          const expression = changed(column, enumLabels, current?.value);
          if (!expression) continue;
          await check(`${table}.${column.name}`, () =>
            sql.query(`UPDATE ${table} SET "${column.name}" = ${expression} WHERE ${where}`, [id]),
          );
        }
        if (table === "block" || table === "smtp_user" || table === "account") continue;
        // A new row like this one: generated keys are left to their defaults, text gets a
        // suffix so unique references stay unique, and a digest key gets fresh bytes.
        const copied = columns.filter(
          (column) =>
            !column.isIdentity && !(keys.has(column.name) && column.hasDefault && column.dataType !== "bytea"),
        );
        const values = copied.map((column) => {
          if (column.dataType === "text" && !keys.has(column.name)) return `"${column.name}" || '~copy'`;
          if (column.dataType === "bytea" && keys.has(column.name)) return "sha256(gen_random_uuid()::text::bytea)";
          return `"${column.name}"`;
        });
        await check(`a new ${table} row`, () =>
          sql.query(
            `INSERT INTO ${table} (${copied.map((column) => `"${column.name}"`).join(", ")}) SELECT ${values.join(", ")} FROM ${table} WHERE ${where}`,
            [id],
          ),
        );
      }
    }

    // The test must have had something to try: these are shown on the page today.
    expect(covered).toEqual(
      expect.arrayContaining([
        "block.status",
        "block.lift_reason",
        "smtp_user.username",
        "appeal.info_request",
        "a new event row",
        "a new appeal_message row",
        "a new evidence row",
        "compliance_case.status",
      ]),
    );
    // Anything listed here is shown by the report but not covered by its version.
    expect(findings).toEqual([]);
  });
});
