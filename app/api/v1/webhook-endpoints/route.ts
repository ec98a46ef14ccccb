import { readJsonBody } from "@/lib/api/json-body";
import { apiRoute, parseInput } from "@/lib/api/route";
import { createWebhookEndpointRequestSchema } from "@/lib/api/schemas/webhooks";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/data/webhooks/endpoints";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ principal }) => {
  return Response.json(
    { endpoints: await listWebhookEndpoints({ type: "RELAY", id: principal.id }) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** Registers an endpoint; the signing secret is in this response only. */
export const POST = apiRoute(async ({ request, principal }) => {
  const body = await readJsonBody(request);
  const input = parseInput(createWebhookEndpointRequestSchema, body.value);
  const endpoint = await createWebhookEndpoint({ type: "RELAY", id: principal.id }, input);
  return Response.json(endpoint, { status: 201, headers: { "Cache-Control": "no-store" } });
});
