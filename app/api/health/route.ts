import { checkDatabase } from "@/lib/data/health";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

/** Liveness (the process answers) and readiness (the database answers): 503 when it does not. */
export async function GET() {
  const database = await checkDatabase();
  if (!database.ok) logger.warn({ database }, "health: database unreachable");
  return Response.json(
    { status: database.ok ? "ok" : "degraded", live: true, ready: database.ok, database },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
