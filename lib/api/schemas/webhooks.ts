import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/data/blocks/storable-text";
import { ALL_WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { blockSchema } from "./blocks";

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

export const createWebhookEndpointRequestSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
    .meta({
      description:
        "Where deliveries are POSTed: a public internet address. A host that is, or whose name resolves to, a loopback, private-network (RFC 1918, CGNAT, IPv6 ULA), link-local, unspecified, multicast or reserved address is refused with 422; every delivery resolves the name and checks again, and redirects are not followed. Credentials (`https://user:pass@…`) are sent as Basic authentication and never shown back.",
    }),
  events: z
    .array(z.union([webhookEventTypeSchema, z.literal(ALL_WEBHOOK_EVENTS)]))
    .min(1)
    .max(WEBHOOK_EVENT_TYPES.length + 1)
    .meta({ description: "Event types to receive; `*` for all, including types added later." }),
  accountId: z
    .guid()
    .optional()
    .meta({ description: "Only this account's events; omit for every account's (relay-wide)." }),
});

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string().meta({
    description:
      "The registered URL with any credentials masked: `https://user:pass@host/` is shown as `https://***@host/`.",
  }),
  events: z.array(z.string()),
  accountId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});

export const createWebhookEndpointResponseSchema = webhookEndpointSchema.extend({
  secret: z
    .string()
    .meta({ description: "The signing secret, shown only here. Verify `Block-Reports-Signature` with it." }),
});

export const webhookEndpointListSchema = z.object({ endpoints: z.array(webhookEndpointSchema) });

/** The body of every delivery. */
export const webhookEventSchema = z.object({
  id: z.string().meta({ description: "Stable across endpoints and retries: deduplicate by it." }),
  type: webhookEventTypeSchema,
  createdAt: z.iso.datetime({ offset: true }),
  data: z.object({ block: blockSchema.optional() }).catchall(z.unknown()).meta({
    description:
      "block.* events carry `block` (the block after the change). appeal.* events carry the appeal's details.",
  }),
});
