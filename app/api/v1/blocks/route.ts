import { createBlockResponse } from "@/lib/api/block-responses";
import { respondIdempotently } from "@/lib/api/idempotency";
import { readJsonBody } from "@/lib/api/json-body";
import { apiRoute, parseInput } from "@/lib/api/route";
import { createBlockRequestSchema } from "@/lib/api/schemas/blocks";
import { checkSenderStatus } from "@/lib/api/status-check";
import { createOrExtendBlock } from "@/lib/data/blocks";

export const dynamic = "force-dynamic";

/** The relay's status check before accepting mail: the open blocks that stop this sender. */
export const GET = checkSenderStatus;

/** A detection: creates the block (201, with the report link once) or extends the open one (200). */
export const POST = apiRoute(async ({ request, principal }) => {
  const body = await readJsonBody(request);
  const input = parseInput(createBlockRequestSchema, body.value);
  return respondIdempotently(request, principal, body.raw, async (tx) => {
    const result = await createOrExtendBlock({
      ...input,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      actor: { type: "RELAY", id: principal.id },
      tx,
    });
    return { status: result.created ? 201 : 200, body: createBlockResponse(result) };
  });
});
