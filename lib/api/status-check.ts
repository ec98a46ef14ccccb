import "server-only";
import { listActiveBlocks } from "@/lib/data/blocks";
import { errorAnswer, type ApiAnswer } from "./api-error";
import { authenticateBearer } from "./authenticate";
import { parseInput } from "./route";
import { statusQuerySchema } from "./schemas/blocks";

/**
 * `GET /api/v1/blocks?smtpUser=…`: the open blocks that stop this sender now. The relay
 * asks before accepting each message, so this is the API's hot path: a cached key check,
 * one prepared statement, small JSON. It takes plain values (the Authorization header and
 * the query) so the route handler and the front server's fast path (relay-fast-path.ts)
 * run this same function, the latter without building web Request/Response objects.
 */
export async function answerStatusCheck(authorization: string | null, search: URLSearchParams): Promise<ApiAnswer> {
  try {
    const principal = await authenticateBearer(authorization);
    const query = parseInput(statusQuerySchema, Object.fromEntries(search));
    const blocks = await listActiveBlocks({ type: "RELAY", id: principal.id }, query);
    return { status: 200, body: { blocked: blocks.length > 0, blocks }, headers: { "Cache-Control": "no-store" } };
  } catch (error) {
    return errorAnswer(error, { method: "GET", path: "/api/v1/blocks" });
  }
}

/** The route handler: answerStatusCheck on the web Request. */
export async function checkSenderStatus(request: Request): Promise<Response> {
  const { status, body, headers } = await answerStatusCheck(
    request.headers.get("authorization"),
    new URL(request.url).searchParams,
  );
  return Response.json(body, { status, headers });
}
