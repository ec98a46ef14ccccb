import { z } from "zod";
import { MAX_LEVEL } from "@/lib/data/blocks/escalation-policy";
import { withoutTrailingDot } from "@/lib/data/blocks/sender-forms";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/data/blocks/storable-text";
import { evidenceItemSchema, MAX_EVIDENCE_ITEMS } from "@/lib/evidence";
import { PUBLIC_ID_PATTERN } from "@/lib/report-link";

/*
 * Request and response bodies of /api/v1/blocks. The route handlers validate with these,
 * and /api/v1/openapi.json is generated from the same objects (lib/api/openapi.ts), so
 * the document cannot drift from what the server accepts. Request envelopes are strict:
 * a misspelt field (say `expiry`) is refused rather than silently ignored. Evidence items
 * follow lib/evidence, which strips unknown keys so a newer relay can add detail.
 */

const isoDateTime = z.iso.datetime({ offset: true });
/** A string Postgres can store (no NUL, no unpaired surrogate), min to max characters. */
const text = (min: number, max: number) => z.string().min(min).max(max).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
const score = z.number().min(0).max(100);

export const reportIdSchema = z
  .string()
  .regex(PUBLIC_ID_PATTERN)
  .meta({ description: "The report's public id: 20 lowercase hex characters." });
export const blockReasonSchema = z.enum(["SPAM", "ABUSE", "RATE"]);
export const blockStatusSchema = z.enum(["ACTIVE", "UNDER_REVIEW", "LIFTED", "EXPIRED"]);
export const senderAddressSchema = text(3, 320)
  // One form of the domain: `a@b.example.` (the DNS root's dot) is `a@b.example`.
  .overwrite(withoutTrailingDot)
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address (local@domain)")
  .meta({
    description:
      "An envelope sender under the SMTP user. Matched case-insensitively, its domain in Unicode or punycode " +
      "and with or without a trailing dot (which is dropped).",
  });

export const scoresSchema = z
  .strictObject({ spam: score, abuse: score, rate: score, combined: score, threshold: score })
  .refine((s) => s.combined >= s.threshold, {
    path: ["combined"],
    message: "must be at least threshold (the block is for crossing it)",
  })
  .meta({ description: "Per-axis scores (0–100), the combined score and the threshold it crossed." });

export const smtpUserRefSchema = z
  .strictObject({
    username: text(1, 200).meta({ description: "The SMTP login the relay authenticated." }),
    externalId: text(1, 200)
      .optional()
      .meta({ description: "The relay's own stable id for this user; preferred for matching." }),
  })
  .meta({
    description:
      "The SMTP user, under `accountId`. Matched by externalId, else by username; created on first use when unknown " +
      "(the account must exist). A username already bound to a different externalId is a 409.",
  });

export const createBlockRequestSchema = z.strictObject({
  accountId: z.guid().meta({ description: "The account (customer) the SMTP user belongs to. Must exist." }),
  smtpUser: smtpUserRefSchema,
  senderAddress: senderAddressSchema
    .nullish()
    .meta({ description: "Block only this envelope sender; omit to block the whole SMTP user." }),
  reason: blockReasonSchema.meta({ description: "The primary reason; selects the SMTP reply text." }),
  scores: scoresSchema,
  evidence: z
    .array(evidenceItemSchema)
    .min(1)
    .max(MAX_EVIDENCE_ITEMS)
    .meta({
      description: `1 to ${MAX_EVIDENCE_ITEMS} evidence items. Recipient addresses inside them are redacted before storage.`,
    }),
  expiresAt: isoDateTime
    .nullish()
    .meta({ description: "When the block ends by itself (future, at most 366 days). Omit or null: until reviewed." }),
});

export const blockSchema = z.object({
  id: reportIdSchema,
  accountId: z.string(),
  smtpUser: z.object({ id: z.string(), username: z.string(), externalId: z.string().nullable() }),
  senderAddress: z.string().nullable(),
  reason: blockReasonSchema,
  status: blockStatusSchema,
  scores: z.object({
    spam: z.number(),
    abuse: z.number(),
    rate: z.number(),
    combined: z.number(),
    threshold: z.number(),
  }),
  escalationLevel: z.int().min(1).max(MAX_LEVEL),
  attemptCount: z.int().min(0),
  expiresAt: isoDateTime.nullable(),
  endedAt: isoDateTime.nullable(),
  liftReason: z.string().nullable(),
  smtpReply: z.string().meta({ description: "The SMTP status line, without the `See:` link line." }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const createBlockResponseSchema = z.object({
  id: reportIdSchema,
  existing: z
    .boolean()
    .meta({ description: "true: the sender already had an open block; the evidence was added to it." }),
  status: blockStatusSchema,
  reportUrl: z
    .url()
    .nullable()
    .meta({
      description:
        "The report link with its secret, built from the configured public base URL: the new block's, or with `existing: true` " +
        "the open block's current link (the same as before). null only for a block created before links were kept " +
        "(see `linkUnavailable` in the status check): reuse the link you have, or rotate it.",
    }),
  smtpReply: z.string().meta({
    description:
      "The exact SMTP reply to send: two lines, the 550 status line and `See: <reportUrl>` (the status line alone when reportUrl is null).",
  }),
  evidenceAdded: z.int().min(1),
  block: blockSchema,
});

export const statusQuerySchema = z
  .object({
    smtpUser: text(1, 200)
      .optional()
      .meta({ description: "The SMTP login (exactly one of smtpUser, smtpUserExternalId)." }),
    smtpUserExternalId: text(1, 200).optional(),
    accountId: z
      .guid()
      .optional()
      .meta({ description: "Narrows the match to one account where logins repeat across accounts." }),
    senderAddress: senderAddressSchema.optional().meta({
      description: "The envelope sender: returns its own blocks and the blocks of the whole SMTP user.",
    }),
    status: z
      .literal("active")
      .default("active")
      .meta({ description: "Only open blocks (ACTIVE or UNDER_REVIEW, not past expiry)." }),
  })
  .refine((q) => (q.smtpUser === undefined) !== (q.smtpUserExternalId === undefined), {
    path: ["smtpUser"],
    message: "give exactly one of smtpUser and smtpUserExternalId",
  });

export const activeBlockSchema = z.object({
  id: reportIdSchema,
  accountId: z.string(),
  smtpUser: z.object({ username: z.string(), externalId: z.string().nullable() }),
  senderAddress: z.string().nullable(),
  reason: blockReasonSchema,
  status: blockStatusSchema,
  escalationLevel: z.int(),
  expiresAt: isoDateTime.nullable(),
  smtpReply: z.string().meta({ description: "The SMTP status line alone (same as `reply.line`)." }),
  reportUrl: z
    .url()
    .nullable()
    .meta({
      description:
        "The block's current report link, with its secret, said again by the server (the secret is kept sealed under " +
        "REPORT_LINK_KEY). null when it cannot be given: see `linkUnavailable`.",
    }),
  linkUnavailable: z
    .enum(["issued_before_links_were_kept", "sealed_under_another_key"])
    .nullable()
    .meta({
      description:
        "Why `reportUrl` is null; null when it is given. `issued_before_links_were_kept`: the block predates sealed links; " +
        "the link sent then still works, so send the copy you kept, or rotate the link (POST /api/v1/blocks/{id}/link) to " +
        "get one the server can say again. `sealed_under_another_key`: this instance's REPORT_LINK_KEY differs from the " +
        "one the link was sealed with (a configuration error, logged).",
    }),
  reply: z
    .object({
      line: z
        .string()
        .meta({ description: "The status line: `550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.`" }),
      see: z.string().nullable().meta({ description: "The second line, `See: <reportUrl>`; null without a link." }),
      singleLine: z.string().meta({
        description:
          "Both on one line (`<line> See: <reportUrl>`), for MTAs that cannot send multi-line replies; the status line alone without a link.",
      }),
    })
    .meta({ description: "The exact reply to send this sender: a multi-line reply is `line`, then `see`." }),
});

export const statusResponseSchema = z.object({
  blocked: z.boolean().meta({ description: "true when at least one open block stops this sender now." }),
  blocks: z.array(activeBlockSchema),
});

export const attemptsRequestSchema = z.strictObject({
  count: z
    .int()
    .min(1)
    .max(1_000_000)
    .default(1)
    .meta({ description: "Messages rejected since the last report (default 1)." }),
});

export const attemptsResponseSchema = z.object({
  escalated: z.boolean(),
  levelsGained: z.int().min(0),
  block: blockSchema,
});

export const liftRequestSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(3)
    .max(2000)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
    .meta({ description: "Why the block ends; shown on the report and in its timeline." }),
});

export const liftResponseSchema = z.object({ block: blockSchema });

export const rotateLinkRequestSchema = z.strictObject({});

export const rotateLinkResponseSchema = z.object({
  id: reportIdSchema,
  reportUrl: z
    .url()
    .meta({ description: "The new report link. The previous link now answers 410 (replaced by a newer link)." }),
});

export type CreateBlockRequest = z.output<typeof createBlockRequestSchema>;
export type CreateBlockResponse = z.input<typeof createBlockResponseSchema>;
