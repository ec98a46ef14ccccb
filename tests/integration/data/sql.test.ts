import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { csvStream } from "@/lib/csv/csv-stream";
import { getPool } from "@/lib/db/pools";
import { queryRows, streamRows } from "@/lib/db/sql";
import { digestSecret } from "@/lib/report-link";

const statement = (bytes: Uint8Array) => Prisma.sql`SELECT 7::int AS n, ${bytes}::bytea AS b, now() AS at`;
const row = z.object({ n: z.number().int(), b: z.instanceof(Uint8Array), at: z.date() });

describe("queryRows, the one raw-SQL helper", () => {
  it("gives the same checked rows on a pg pool and through Prisma, with bytes as parameters", async () => {
    const digest = digestSecret("a secret");
    for (const target of ["relay", "view", getDb()] as const) {
      const [result] = await queryRows(target, statement(digest), row);
      expect(result?.n).toBe(7);
      expect(Buffer.from(result!.b).equals(Buffer.from(digest))).toBe(true);
    }
  });

  it("refuses rows that do not match their schema, on either driver", async () => {
    const wrong = z.object({ n: z.string() });
    for (const target of ["relay", getDb()] as const) {
      await expect(queryRows(target, statement(new Uint8Array([1])), wrong)).rejects.toBeInstanceOf(z.ZodError);
    }
  });
});

describe("streamRows, the same for a result too long to hold", () => {
  const numbers = z.object({ n: z.number().int() });
  const series = (to: number) => Prisma.sql`SELECT g AS n FROM generate_series(1, ${to}::int) g ORDER BY g`;
  const pool = () => getPool("export");
  /** Every connection the pool has is back and idle, and nobody waits for one. */
  const expectAllReturned = () => {
    expect(pool().waitingCount).toBe(0);
    expect(pool().idleCount).toBe(pool().totalCount);
  };

  it("yields the checked rows in order, a chunk at a time, and gives the connection back at the end", async () => {
    const chunks: number[][] = [];
    for await (const chunk of streamRows("export", series(10), numbers, 4)) chunks.push(chunk.map((r) => r.n));
    expect(chunks).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    const exact: number[][] = [];
    for await (const chunk of streamRows("export", series(8), numbers, 4)) exact.push(chunk.map((r) => r.n));
    expect(exact).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    expectAllReturned();
  });

  it("reads ahead of the caller by one chunk at most: the rest stays in Postgres", async () => {
    // Each row is counted by the database as it is produced: a side effect per row read.
    const counted = Prisma.sql`SELECT g AS n, nextval('stream_rows_probe') AS seen FROM generate_series(1, 100000) g`;
    const pg = await pool().connect();
    try {
      await pg.query("CREATE SEQUENCE IF NOT EXISTS stream_rows_probe");
      await pg.query("SELECT setval('stream_rows_probe', 1, false)");
    } finally {
      pg.release();
    }
    const rows = streamRows("export", counted, z.object({ n: z.number(), seen: z.string() }), 10);
    const first = await rows.next();
    expect(first.value).toHaveLength(10);
    const { rows: probe } = await pool().query<{ last: string }>(
      "SELECT last_value::text AS last FROM stream_rows_probe",
    );
    expect(Number(probe[0]!.last)).toBeLessThanOrEqual(20);
    await rows.return();
    expectAllReturned();
  });

  it("closes the cursor and gives the connection back when the caller leaves early, however often", async () => {
    // The pool has two connections: five abandoned streams would wait forever if one were kept.
    for (let i = 0; i < 5; i += 1) {
      for await (const chunk of streamRows("export", series(100_000), numbers, 50)) {
        expect(chunk[0]!.n).toBe(1);
        break;
      }
      expectAllReturned();
    }
    // Nothing is left open in Postgres: no transaction (the cursor's) on any connection.
    const { rows } = await pool().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("a CSV download the client abandons releases its connection", async () => {
    async function* cells() {
      for await (const chunk of streamRows("export", series(1_000_000), numbers, 100)) yield chunk.map((r) => [r.n]);
    }
    const reader = csvStream(["n"], cells()).getReader();
    for (let i = 0; i < 3; i += 1) expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    expectAllReturned();
  });

  it("a database error part-way breaks the iteration (and a download) rather than ending it short, and discards the connection", async () => {
    const failing = Prisma.sql`SELECT 1 / (10 - g) AS n FROM generate_series(1, 20) g`;
    const seen: number[] = [];
    const read = async () => {
      for await (const chunk of streamRows("export", failing, numbers, 4)) seen.push(...chunk.map((r) => r.n));
    };
    await expect(read()).rejects.toMatchObject({ code: "22012" }); // division by zero, at the tenth row
    expect(seen).toHaveLength(8); // two whole chunks came before it
    expectAllReturned();
    async function* cells() {
      for await (const chunk of streamRows("export", failing, numbers, 4)) yield chunk.map((r) => [r.n]);
    }
    await expect(new Response(csvStream(["n"], cells())).text()).rejects.toThrow("division by zero");
    expectAllReturned();
    // A row its schema refuses is an error the same way.
    await expect(
      (async () => {
        for await (const chunk of streamRows("export", series(3), z.object({ n: z.string() }), 2)) void chunk;
      })(),
    ).rejects.toBeInstanceOf(z.ZodError);
    expectAllReturned();
  });
});
