import { respondIdempotently } from "@/lib/api/idempotency";
import { readJsonBody } from "@/lib/api/json-body";
import { apiRoute, parseInput } from "@/lib/api/route";
import { attemptsRequestSchema, reportIdSchema } from "@/lib/api/schemas/blocks";
import { recordAttempts } from "@/lib/data/blocks";

export const dynamic = "force-dynamic";

/** The blocked sender kept sending: count it, and escalate past the thresholds. */
export const POST = apiRoute<{ id: string }>(async ({ request, principal, params }) => {
  const publicId = parseInput(reportIdSchema, params.id, ["id"]);
  const body = await readJsonBody(request);
  const input = parseInput(attemptsRequestSchema, body.value);
  return respondIdempotently(request, principal, body.raw, async (tx) => {
    const result = await recordAttempts({
      publicId,
      count: input.count,
      actor: { type: "RELAY", id: principal.id },
      tx,
    });
    return {
      status: 200,
      body: { escalated: result.levelsGained > 0, levelsGained: result.levelsGained, block: result.block },
    };
  });
});
