import { ATTEMPTS_PER_LEVEL, MAX_LEVEL } from "@/lib/data/blocks/escalation-policy";
import { IDEMPOTENCY_TTL_HOURS } from "@/lib/data/idempotency";
import { SIGNATURE_HEADER } from "@/lib/webhooks/signature";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { API_KEY_CACHE_MS } from "../authenticate";
import { MAX_BODY_BYTES } from "../json-body";
import { componentSchemas, statusQueryParameters } from "./components";
import { API_DESCRIPTION, WEBHOOKS_DESCRIPTION } from "./descriptions";

type Json = Record<string, unknown>;

const ref = (kind: "schemas" | "responses" | "parameters", id: string) => ({ $ref: `#/components/${kind}/${id}` });
const json = (schema: string) => ({ content: { "application/json": { schema: ref("schemas", schema) } } });
const ok = (description: string, schema: string) => ({ description, ...json(schema) });
const errors = (...statuses: string[]) =>
  Object.fromEntries(statuses.map((status) => [status, ref("responses", status)]));
const idParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The report's public id.",
  schema: { type: "string", pattern: "^[0-9a-f]{20}$" },
};

const ERROR_RESPONSES: Record<string, string> = {
  "400": "Malformed JSON (or not UTF-8).",
  "401": "Missing, malformed, unknown or revoked API key.",
  "403": "The API key was revoked a moment ago (writes check it in the database).",
  "404": "No such block, account or endpoint.",
  "409": "Conflict: the block already ended, or the SMTP user is bound to another external id.",
  "413": `Body over ${MAX_BODY_BYTES} bytes; nothing was stored.`,
  "415": "The body is not sent as application/json.",
  "422":
    "Validation failed; `error.field` names the offending input. Also: Idempotency-Key reused with another body (IDEMPOTENCY_KEY_REUSED).",
};

function paths(): Json {
  const mutating = { parameters: [ref("parameters", "IdempotencyKey")] };
  return {
    "/api/v1/blocks": {
      get: {
        operationId: "checkSender",
        summary: "Is this sender blocked now?",
        description:
          "What the relay asks before accepting mail. Returns the open blocks (ACTIVE or UNDER_REVIEW, not past their expiry) of the SMTP user, narrowed to those that apply to `senderAddress` when given, each with its current report link and the exact reply to send: `reply.line` and `reply.see` (a two-line reply), or `reply.singleLine` for an MTA that cannot send multi-line replies. Concurrent checks are answered together by one prepared statement, without a transaction; each gets exactly its own answer.",
        parameters: statusQueryParameters(),
        responses: {
          "200": ok("The open blocks that stop this sender (empty when none).", "StatusResponse"),
          ...errors("401", "422"),
        },
      },
      post: {
        operationId: "createBlock",
        summary: "Record a detection: create a block, or add evidence to the open one",
        description:
          "Creates the block, stores its evidence (recipient addresses redacted first), and returns the report link and the exact SMTP reply, with 201. If the target (SMTP user, or sender address under it) already has an open block, the evidence is added to that block and 200 is returned with `existing: true` and the block's current link and reply (the same link as before: a new one would break links already sent in bounces). The expiry becomes the stricter of the two (no expiry beats any date; otherwise the later date).",
        ...mutating,
        requestBody: { required: true, ...json("CreateBlockRequest") },
        responses: {
          "201": ok("Block created.", "CreateBlockResponse"),
          "200": ok("The sender already had an open block; the evidence was added to it.", "CreateBlockResponse"),
          ...errors("400", "401", "403", "404", "409", "413", "415", "422"),
        },
      },
    },
    "/api/v1/blocks/{id}/attempts": {
      post: {
        operationId: "recordAttempts",
        summary: "The blocked sender kept sending",
        description: `Adds \`count\` rejected messages to the block. Escalation: level = 1 + floor(attempts / ${ATTEMPTS_PER_LEVEL}), never lowered, at most ${MAX_LEVEL}. Each new level extends a block that has an expiry to max(expiry, now) + 2^(level − 2) hours (level 2: +1 h, 3: +2 h, 4: +4 h …); a block without expiry keeps none. Each escalation adds an ESCALATED event and sends \`block.escalated\`. A lifted or expired block answers 409: accept the sender's mail again.`,
        parameters: [idParameter, ref("parameters", "IdempotencyKey")],
        requestBody: { required: true, ...json("RecordAttemptsRequest") },
        responses: {
          "200": ok("Counted.", "RecordAttemptsResponse"),
          ...errors("400", "401", "403", "404", "409", "413", "415", "422"),
        },
      },
    },
    "/api/v1/blocks/{id}/lift": {
      post: {
        operationId: "liftBlock",
        summary: "Lift a block",
        description:
          "Ends an open block with a reason (shown on the report). Sends `block.lifted`. Lifting a block that already ended is a 409.",
        parameters: [idParameter, ref("parameters", "IdempotencyKey")],
        requestBody: { required: true, ...json("LiftBlockRequest") },
        responses: {
          "200": ok("Lifted.", "LiftBlockResponse"),
          ...errors("400", "401", "403", "404", "409", "413", "415", "422"),
        },
      },
    },
    "/api/v1/blocks/{id}/link": {
      post: {
        operationId: "rotateReportLink",
        summary: "Replace a block's report link",
        description:
          'Makes a new report link for the block (its secret kept sealed, so status checks return it from now on) and retires the old one: opening it answers 410, "replaced by a newer link". Records a LINK_ROTATED event. Also the way to get a link the server can say again for a block created before links were kept. Send `{}`.',
        parameters: [idParameter, ref("parameters", "IdempotencyKey")],
        requestBody: { required: true, ...json("RotateLinkRequest") },
        responses: {
          "200": ok("The new link.", "RotateLinkResponse"),
          ...errors("400", "401", "403", "404", "413", "415", "422"),
        },
      },
    },
    "/api/v1/webhook-endpoints": {
      get: {
        operationId: "listWebhookEndpoints",
        summary: "List active webhook endpoints",
        responses: {
          "200": ok(
            "Active endpoints, without secrets; credentials in URLs are masked (`https://***@host/`).",
            "WebhookEndpointList",
          ),
          ...errors("401"),
        },
      },
      post: {
        operationId: "createWebhookEndpoint",
        summary: "Register a webhook endpoint",
        description:
          "Returns the signing secret once. See the `webhooks` section for the signature. A URL whose host is, or resolves to, a loopback, private-network, link-local or other non-public address is refused with 422 (`field: url`). Credentials in the URL are masked in this and every later answer.",
        requestBody: { required: true, ...json("CreateWebhookEndpointRequest") },
        responses: {
          "201": ok("Registered.", "CreatedWebhookEndpoint"),
          ...errors("400", "401", "404", "413", "415", "422"),
        },
      },
    },
    "/api/v1/webhook-endpoints/{id}": {
      delete: {
        operationId: "deleteWebhookEndpoint",
        summary: "Stop deliveries to an endpoint",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "204": { description: "Deactivated; its delivery log is kept." }, ...errors("401", "404", "422") },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApiDocument",
        summary: "This document",
        security: [],
        responses: {
          "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } },
        },
      },
    },
  };
}

function webhooks(): Json {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace(".", "_")}`,
          summary: `\`${type}\` delivery`,
          description: WEBHOOKS_DESCRIPTION,
          parameters: [
            {
              name: SIGNATURE_HEADER,
              in: "header",
              required: true,
              schema: { type: "string", pattern: "^t=\\d+,v1=[0-9a-f]{64}$" },
            },
            { name: "Block-Reports-Event", in: "header", required: true, schema: { type: "string", const: type } },
            {
              name: "Block-Reports-Delivery",
              in: "header",
              required: true,
              description: "The event id (same as the body's `id`).",
              schema: { type: "string" },
            },
          ],
          requestBody: { required: true, ...json("WebhookEvent") },
          responses: { "200": { description: "Any 2xx acknowledges the delivery; anything else is retried." } },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document of /api/v1, for a server at `publicBaseUrl`. */
export function buildOpenApiDocument(publicBaseUrl: string): Json {
  return {
    openapi: "3.1.0",
    info: { title: "Block Reports relay API", version: "1.0.0", description: API_DESCRIPTION },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: new URL("/", publicBaseUrl).toString().replace(/\/$/, "") }],
    security: [{ apiKey: [] }],
    paths: paths(),
    webhooks: webhooks(),
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: `\`Authorization: Bearer brk_…\`. Keys are created with \`npm run apikey:create -- --name <name>\` (shown once; only a SHA-256 digest is stored) and revoked with \`npm run apikey:revoke -- <id or prefix>\`. A verified key is cached per server instance for ${API_KEY_CACHE_MS / 1000} s, so a revocation stops reads within that time and writes at once.`,
        },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: `1–255 visible ASCII characters, remembered ${IDEMPOTENCY_TTL_HOURS} h per API key. The same key with the same method, path and body replays the first successful response (header \`Idempotent-Replayed: true\`); with a different request it is refused with 422 IDEMPOTENCY_KEY_REUSED. Errors are not remembered.`,
          schema: { type: "string", minLength: 1, maxLength: 255 },
        },
      },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([status, description]) => [status, { description, ...json("Error") }]),
      ),
      schemas: componentSchemas(),
    },
  };
}
