import { csvCellsFor, CSV_COLUMNS } from "@/lib/account/history-csv";
import { historyQuery, parseHistoryFilters } from "@/lib/account/history-filters";
import { EXPORT_BUSY_MESSAGE, EXPORT_STALL_MS, takeExportSlot } from "@/lib/account/export-slots";
import { getSessionUser, isOwner } from "@/lib/auth/session";
import { csvStream } from "@/lib/csv/csv-stream";
import { exportAccountBlocks, ownerScope } from "@/lib/data/account";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

/** What a second download of the same account is told, with Retry-After (lib/account/export-slots.ts). */
const ONE_AT_A_TIME = `${EXPORT_BUSY_MESSAGE}\n`;

/**
 * The filtered block history as CSV, streamed a few rows at a time (each read from the
 * database only when the client has taken the ones before): the filters are the history
 * page's (in the query).
 * Only the signed-in owner's own account; anyone else signed in gets 404, a visitor without
 * a session is sent to sign in. One download per account at a time (429 for a second), and
 * one that the client stops taking is given up after EXPORT_STALL_MS.
 */
export async function GET(request: Request): Promise<Response> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = parseHistoryFilters(params);
  const user = await getSessionUser();
  if (!user) {
    const next = `/account/blocks/export${historyQuery(filters)}`;
    return new Response(null, { status: 303, headers: { Location: `/sign-in?${new URLSearchParams({ next })}` } });
  }
  if (!isOwner(user))
    return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { accountId } = await ownerScope(user.id);
  const giveBack = takeExportSlot(accountId);
  if (!giveBack) {
    // A browser (the history's "Download CSV") is sent back to the history, which says so beside
    // the button; anything else gets 429 with how long to wait.
    if (request.headers.get("accept")?.includes("text/html")) {
      const back = new URLSearchParams(historyQuery(filters));
      back.set("export", "busy");
      return new Response(null, {
        status: 303,
        headers: { Location: `/account/blocks?${back}#export-busy`, "Cache-Control": "no-store" },
      });
    }
    return new Response(ONE_AT_A_TIME, {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "15", "Cache-Control": "no-store" },
    });
  }
  let rows: Awaited<ReturnType<typeof exportAccountBlocks>>;
  try {
    rows = await exportAccountBlocks({ ownerId: user.id, filters });
  } catch (error) {
    giveBack();
    throw error;
  }
  const cells = csvCellsFor(env.PUBLIC_BASE_URL);
  async function* batches() {
    try {
      for await (const chunk of rows) yield chunk.map(cells);
    } catch (error) {
      logger.error({ err: error, route: "account-export" }, "block history export failed");
      throw error;
    }
  }
  const day = new Date().toISOString().slice(0, 10);
  const body = csvStream(CSV_COLUMNS, batches(), {
    stallMs: EXPORT_STALL_MS,
    onEnd: (how) => {
      giveBack();
      if (how === "stalled")
        logger.warn({ route: "account-export", accountId }, "block history export: client stalled, given up");
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="blocks-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
