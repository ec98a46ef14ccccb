import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
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
