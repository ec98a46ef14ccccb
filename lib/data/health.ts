import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";

/** Readiness: one round trip to Postgres. Anyone may call it; it reveals nothing. */
export async function checkDatabase(): Promise<{ ok: boolean; latencyMs: number }> {
  const started = performance.now();
  try {
    await queryRows(getDb(), Prisma.sql`SELECT 1 AS ok`, z.object({ ok: z.literal(1) }));
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - started) };
  }
}
