import { respondIdempotently } from "@/lib/api/idempotency";
import { readJsonBody } from "@/lib/api/json-body";
import { apiRoute, parseInput } from "@/lib/api/route";
import { reportIdSchema, rotateLinkRequestSchema } from "@/lib/api/schemas/blocks";
import { rotateReportLink } from "@/lib/data/blocks";

export const dynamic = "force-dynamic";

/** A new report link for the block; the old one answers 410 from now on. */
export const POST = apiRoute<{ id: string }>(async ({ request, principal, params }) => {
  const publicId = parseInput(reportIdSchema, params.id, ["id"]);
  const body = await readJsonBody(request);
  parseInput(rotateLinkRequestSchema, body.value);
  return respondIdempotently(request, principal, body.raw, async (tx) => {
    const { reportUrl } = await rotateReportLink({ publicId, actor: { type: "RELAY", id: principal.id }, tx });
    return { status: 200, body: { id: publicId, reportUrl } };
  });
});
