import "server-only";
import { listActiveBlocks } from "@/lib/data/blocks";
import { apiRoute, parseInput } from "./route";
import { statusQuerySchema } from "./schemas/blocks";

/**
 * `GET /api/v1/blocks?smtpUser=…`: the open blocks that stop this sender now. The relay
 * asks before accepting each message, so this is the API's hot path: a cached key check,
 * one prepared statement, small JSON. Served by the route handler and, in front of Next,
 * by the front server's fast path (relay-fast-path.ts), the same function both ways.
 */
export const checkSenderStatus = apiRoute(async ({ request }) => {
  const query = parseInput(statusQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const blocks = await listActiveBlocks(query);
  return Response.json({ blocked: blocks.length > 0, blocks }, { headers: { "Cache-Control": "no-store" } });
});
