import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceItemSchema } from "@/lib/evidence";
import { DEMO_ACCOUNTS } from "@/prisma/seed/demo-content";
import { seedDemoData } from "@/prisma/seed/seed-demo";
import { BULK_ACCOUNT_COUNT, BULK_ACCOUNT_PATTERN } from "@/scripts/seed-large/directory";
import { addReviewRequests } from "@/scripts/seed-large/review-requests";
import { seedLargeVolume } from "@/scripts/seed-large/seed-volume";

// Runs the real seeding against the integration database, twice, and checks what landed.
// Bulk rows live only in bulk-acct-NNNN accounts, so other test files are not affected.

const N = 2000;
const databaseUrl = process.env.DATABASE_URL!;
const demoAccountIds = DEMO_ACCOUNTS.map((account) => account.id);
const client = new pg.Client({ connectionString: databaseUrl });

const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
  (await client.query(sql, params)).rows[0] as T;
const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(sql, params)).n);

const BULK_BLOCKS = `SELECT b.* FROM block b JOIN account a ON a.id = b.account_id WHERE a.name ~ '${BULK_ACCOUNT_PATTERN}'`;

type Totals = Record<"blocks" | "evidence" | "events" | "bulk" | "users" | "accounts", number>;

async function totals(): Promise<Totals> {
  return one<Record<keyof Totals, string>>(
    `SELECT (SELECT count(*) FROM block) AS blocks, (SELECT count(*) FROM evidence) AS evidence,
            (SELECT count(*) FROM event) AS events, (SELECT count(*) FROM (${BULK_BLOCKS}) x) AS bulk,
            (SELECT count(*) FROM smtp_user s JOIN account a ON a.id = s.account_id WHERE a.name ~ $1) AS users,
            (SELECT count(*) FROM account WHERE name ~ $1) AS accounts`,
    [BULK_ACCOUNT_PATTERN],
  ).then((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as Totals);
}

/** Every column of every demo row, hashed per table: any change to demo data changes it. */
async function demoFingerprint() {
  const tables = ["account", "smtp_user", "block", "evidence", "event", "appeal", "compliance_case"];
  const parts = tables.map((table) => {
    const key = table === "account" ? "id" : "account_id";
    return `(SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ${table} t WHERE ${key} = ANY ($1::uuid[])) AS ${table}`;
  });
  return one<Record<string, string>>(`SELECT ${parts.join(", ")}`, [demoAccountIds]);
}

beforeAll(async () => {
  await seedDemoData();
  await client.connect();
});
afterAll(() => client.end());

describe("seed:large", () => {
  it("adds exactly N valid blocks with evidence and events, twice, and leaves demo data alone", async () => {
    const demoBefore = await demoFingerprint();
    expect(demoBefore.block).toMatch(/^[1-9]/);
    const before = await totals();

    const first = await seedLargeVolume({ databaseUrl, blocks: N, batchSize: 700, concurrency: 2 });
    const afterFirst = await totals();
    expect(first).toMatchObject({ blocks: N, accounts: BULK_ACCOUNT_COUNT, foreignKeyChecks: "skipped" });
    expect(afterFirst.blocks - before.blocks).toBe(N);
    expect(afterFirst.bulk - before.bulk).toBe(N);
    expect(afterFirst.evidence - before.evidence).toBe(first.evidence);
    expect(afterFirst.events - before.events).toBe(first.events);
    expect(afterFirst.accounts).toBe(BULK_ACCOUNT_COUNT);
    expect(first.smtpUsers).toBe(afterFirst.users);
    expect(first.smtpUsers).toBeGreaterThanOrEqual(BULK_ACCOUNT_COUNT * 20);
    expect(first.smtpUsers).toBeLessThanOrEqual(BULK_ACCOUNT_COUNT * 200);

    // The second run keeps foreign-key checks on, so both ways of inserting are exercised.
    const second = await seedLargeVolume({ databaseUrl, blocks: N, batchSize: 1500, enforceForeignKeys: true });
    const afterSecond = await totals();
    expect(second).toMatchObject({ blocks: N, foreignKeyChecks: "enforced" });
    expect(afterSecond.blocks - afterFirst.blocks).toBe(N);
    expect(afterSecond.bulk - afterFirst.bulk).toBe(N);
    expect(afterSecond.accounts).toBe(BULK_ACCOUNT_COUNT);
    expect(afterSecond.users).toBe(afterFirst.users);
    // The daily and weekly counts hold every bulk block, whether triggers ran (second run) or the seed recounted (first).
    const daily = await one<{ counted: number; weekly: number; blocks: number }>(
      `SELECT (SELECT coalesce(sum(d.blocks), 0)::int FROM block_daily_count d JOIN account a ON a.id = d.account_id WHERE a.name ~ $1) AS counted,
              (SELECT coalesce(sum(w.blocks), 0)::int FROM block_account_weekly_count w JOIN account a ON a.id = w.account_id WHERE a.name ~ $1) AS weekly,
              (SELECT count(*)::int FROM block b JOIN account a ON a.id = b.account_id WHERE a.name ~ $1) AS blocks`,
      [BULK_ACCOUNT_PATTERN],
    );
    expect(daily.counted).toBe(daily.blocks);
    expect(daily.weekly).toBe(daily.blocks);

    expect(await demoFingerprint()).toEqual(demoBefore);
  });

  it("gives every bulk block 1–3 evidence rows and 1–3 events", async () => {
    const { evidence, events } = await one<{ evidence: number[]; events: number[] }>(
      `SELECT array_agg(DISTINCT (SELECT count(*)::int FROM evidence e WHERE e.block_id = b.id)) AS evidence,
              array_agg(DISTINCT (SELECT count(*)::int FROM event v WHERE v.block_id = b.id)) AS events
       FROM (${BULK_BLOCKS}) b`,
    );
    expect(evidence.sort()).toEqual([1, 2, 3]);
    expect(events.sort()).toEqual([1, 2, 3]);
  });

  it("writes evidence that passes the evidence schema", async () => {
    const { rows } = await client.query<{ kind: string; data: unknown; observed_from: Date; observed_to: Date }>(
      `SELECT e.kind, e.data, e.observed_from, e.observed_to FROM evidence e JOIN (${BULK_BLOCKS}) b ON b.id = e.block_id
       ORDER BY random() LIMIT 200`,
    );
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(["spam_rules", "complaint_rate", "send_rate"]));
    for (const row of rows) {
      const parsed = evidenceItemSchema.safeParse(row.data);
      expect(parsed.error?.issues ?? [], JSON.stringify(row.data)).toEqual([]);
      expect(parsed.data?.kind).toBe(row.kind);
      expect(Date.parse(parsed.data!.window.from)).toBe(
        row.observed_from.getTime() - (row.observed_from.getTime() % 1000),
      );
      expect(Date.parse(parsed.data!.window.to)).toBe(row.observed_to.getTime() - (row.observed_to.getTime() % 1000));
    }
  });

  it("keeps references, open-block uniqueness and the status rules intact", async () => {
    // Foreign keys may have been skipped while inserting, so check them by hand.
    expect(
      await count(`SELECT count(*) AS n FROM evidence e LEFT JOIN block b ON b.id = e.block_id
                        WHERE b.id IS NULL OR b.account_id <> e.account_id`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM event v LEFT JOIN block b ON b.id = v.block_id
                        WHERE b.id IS NULL OR b.account_id <> v.account_id`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM (${BULK_BLOCKS}) b LEFT JOIN smtp_user s ON s.id = b.smtp_user_id
                        WHERE s.id IS NULL OR s.account_id <> b.account_id`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM (SELECT 1 FROM block WHERE status IN ('ACTIVE', 'UNDER_REVIEW')
                        GROUP BY smtp_user_id, lower(sender_address) HAVING count(*) > 1) x`),
    ).toBe(0);

    const stats = await one<Record<string, string>>(
      `SELECT count(DISTINCT status) AS statuses, count(DISTINCT reason) AS reasons,
              count(*) FILTER (WHERE (status IN ('LIFTED', 'EXPIRED')) <> (ended_at IS NOT NULL)) AS bad_ended,
              count(*) FILTER (WHERE created_at < now() - interval '366 days' OR created_at > now()) AS out_of_range,
              count(*) FILTER (WHERE ended_at > now()) AS ended_in_future,
              count(*) FILTER (WHERE public_id !~ '^[0-9a-f]{20}$' OR octet_length(secret_digest) <> 32) AS bad_ids
       FROM (${BULK_BLOCKS}) b`,
    );
    expect(stats).toEqual({
      statuses: "4",
      reasons: "3",
      bad_ended: "0",
      out_of_range: "0",
      ended_in_future: "0",
      bad_ids: "0",
    });
  });

  it("--requests opens review requests on bulk blocks, each block under review with one open request, still one open block per sender", async () => {
    const before = await count("SELECT count(*) AS n FROM appeal WHERE status = 'OPEN'");
    await expect(addReviewRequests(databaseUrl, 1500)).resolves.toBe(1500);
    expect(await count("SELECT count(*) AS n FROM appeal WHERE status = 'OPEN'")).toBe(before + 1500);
    expect(
      await count(`SELECT count(*) AS n FROM appeal a JOIN block b ON b.id = a.block_id
                        WHERE a.status = 'OPEN' AND a.contact_email = 'postmaster@bulk.example' AND (b.status <> 'UNDER_REVIEW' OR b.ended_at IS NOT NULL)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM (SELECT 1 FROM block WHERE status IN ('ACTIVE', 'UNDER_REVIEW')
                        GROUP BY smtp_user_id, lower(sender_address) HAVING count(*) > 1) x`),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM appeal WHERE created_at > now()")).toBe(0);
  });
});
