import { apiRoute, parseInput } from "@/lib/api/route";
import { deactivateWebhookEndpoint } from "@/lib/data/webhooks/endpoints";
import { z } from "zod";

export const dynamic = "force-dynamic";

/** Stops deliveries to the endpoint (its delivery log is kept). */
export const DELETE = apiRoute<{ id: string }>(async ({ params, principal }) => {
  await deactivateWebhookEndpoint({ type: "RELAY", id: principal.id }, parseInput(z.guid(), params.id, ["id"]));
  return new Response(null, { status: 204 });
});
