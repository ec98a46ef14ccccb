import { getSessionUser } from "@/lib/auth/session";
import { csvStream } from "@/lib/csv/csv-stream";
import { auditEntryBatches, type AuditEntry } from "@/lib/data/staff";
import { isAppError } from "@/lib/errors";
import { parseAuditParams } from "@/lib/staff/audit-filters";

const HEADER = ["time_utc", "actor_email", "actor_name", "action", "detail", "target", "report_id", "reason", "client"];

const cells = (e: AuditEntry) => [
  e.at,
  e.actorEmail,
  e.actorName,
  e.action,
  e.detail,
  e.target,
  e.publicId,
  e.reason,
  e.client,
];

/**
 * The audit log as CSV (admins only), filtered like the page, streamed in batches. Cells a
 * spreadsheet would run as a formula are neutralised (lib/csv/csv-stream.ts).
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getSessionUser();
  if (user?.role !== "ADMIN")
    return new Response("The audit log is for admins. Sign in with an admin login.\n", {
      status: user ? 403 : 401,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const { filters } = parseAuditParams(Object.fromEntries(new URL(request.url).searchParams));
  const batches = auditEntryBatches({ staffId: user.id, filters });
  // The first batch is read before answering: a refusal (the role changed a moment ago) is a
  // status code, not a broken download.
  let first: IteratorResult<AuditEntry[]>;
  try {
    first = await batches.next();
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN")
      return new Response(`${error.message}\n`, {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    throw error;
  }
  async function* rows() {
    if (!first.done) yield first.value.map(cells);
    for await (const batch of batches) yield batch.map(cells);
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(csvStream(HEADER, rows()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
