import { respondIdempotently } from "@/lib/api/idempotency";
import { readJsonBody } from "@/lib/api/json-body";
import { apiRoute, parseInput } from "@/lib/api/route";
import { liftRequestSchema, reportIdSchema } from "@/lib/api/schemas/blocks";
import { liftBlock } from "@/lib/data/blocks";

export const dynamic = "force-dynamic";

/** Ends an open block with a reason; `block.lifted` webhooks follow. */
export const POST = apiRoute<{ id: string }>(async ({ request, principal, params }) => {
  const publicId = parseInput(reportIdSchema, params.id, ["id"]);
  const body = await readJsonBody(request);
  const input = parseInput(liftRequestSchema, body.value);
  return respondIdempotently(request, principal, body.raw, async (tx) => {
    const block = await liftBlock({ publicId, reason: input.reason, actor: { type: "RELAY", id: principal.id }, tx });
    return { status: 200, body: { block } };
  });
});
