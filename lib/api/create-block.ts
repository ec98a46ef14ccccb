import "server-only";
import { createOrExtendBlock } from "@/lib/data/blocks";
import { createBlockResponse } from "./block-responses";
import { respondIdempotently } from "./idempotency";
import { readJsonBody } from "./json-body";
import { apiRoute, parseInput } from "./route";
import { createBlockRequestSchema } from "./schemas/blocks";

/**
 * `POST /api/v1/blocks`: a detection. Creates the block (201, with the report link once)
 * or adds the evidence to the sender's open block (200). Served by the route handler and
 * by the front server's fast path (relay-fast-path.ts), the same function both ways.
 */
export const createBlock = apiRoute(async ({ request, principal }) => {
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
