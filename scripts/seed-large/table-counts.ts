import pg from "pg";

export const SEEDED_TABLES = ["account", "smtp_user", "block", "evidence", "event"] as const;

export type TableCounts = Record<(typeof SEEDED_TABLES)[number], number>;

/** Exact row counts of the tables the seed writes to (a second or two at millions of rows). */
export async function countTableRows(databaseUrl: string): Promise<TableCounts> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const select = SEEDED_TABLES.map((table) => `(SELECT count(*) FROM ${table})::bigint AS ${table}`).join(", ");
    const { rows } = await client.query<Record<string, string>>(`SELECT ${select}`);
    const row = rows[0]!;
    return Object.fromEntries(SEEDED_TABLES.map((table) => [table, Number(row[table])])) as TableCounts;
  } finally {
    await client.end();
  }
}
