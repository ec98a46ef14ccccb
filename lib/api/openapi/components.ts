import { z } from "zod";
import { evidenceItemSchema } from "@/lib/evidence";
import {
  activeBlockSchema,
  attemptsRequestSchema,
  attemptsResponseSchema,
  blockSchema,
  createBlockRequestSchema,
  createBlockResponseSchema,
  liftRequestSchema,
  liftResponseSchema,
  rotateLinkRequestSchema,
  rotateLinkResponseSchema,
  statusQuerySchema,
  statusResponseSchema,
} from "../schemas/blocks";
import { errorResponseSchema } from "../schemas/errors";
import {
  createWebhookEndpointRequestSchema,
  createWebhookEndpointResponseSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEventSchema,
} from "../schemas/webhooks";

type JsonSchema = Record<string, unknown>;

/*
 * Component schemas, generated with zod's own z.toJSONSchema (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1) from the schemas the routes validate with. Requests are
 * converted as inputs (defaults optional), responses as outputs. A schema registered here
 * becomes a named component and is referenced wherever it is reused.
 */

const REF = (id: string) => `#/components/schemas/${id}`;

function convert(entries: [z.ZodType, string][], io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: REF, unrepresentable: "any" }) as {
    schemas: Record<string, JsonSchema>;
  };
  // Inside an OpenAPI document the dialect is implied, and a component is named by its key.
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

export function componentSchemas(): Record<string, JsonSchema> {
  const requests = convert(
    [
      [createBlockRequestSchema, "CreateBlockRequest"],
      [evidenceItemSchema, "EvidenceItem"],
      [attemptsRequestSchema, "RecordAttemptsRequest"],
      [liftRequestSchema, "LiftBlockRequest"],
      [rotateLinkRequestSchema, "RotateLinkRequest"],
      [createWebhookEndpointRequestSchema, "CreateWebhookEndpointRequest"],
    ],
    "input",
  );
  const responses = convert(
    [
      [blockSchema, "Block"],
      [createBlockResponseSchema, "CreateBlockResponse"],
      [activeBlockSchema, "ActiveBlock"],
      [statusResponseSchema, "StatusResponse"],
      [attemptsResponseSchema, "RecordAttemptsResponse"],
      [liftResponseSchema, "LiftBlockResponse"],
      [rotateLinkResponseSchema, "RotateLinkResponse"],
      [webhookEndpointSchema, "WebhookEndpoint"],
      [createWebhookEndpointResponseSchema, "CreatedWebhookEndpoint"],
      [webhookEndpointListSchema, "WebhookEndpointList"],
      [webhookEventSchema, "WebhookEvent"],
      [errorResponseSchema, "Error"],
    ],
    "output",
  );
  return { ...requests, ...responses };
}

/** The status check's query parameters, from the same schema the route parses them with. */
export function statusQueryParameters(): JsonSchema[] {
  return Object.entries(statusQuerySchema.shape).map(([name, schema]) => {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    delete json.$schema;
    const description = typeof json.description === "string" ? json.description : undefined;
    delete json.description;
    return { name, in: "query", required: false, schema: json, ...(description && { description }) };
  });
}
