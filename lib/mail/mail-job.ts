import { z } from "zod";

/*
 * The payload of a `mail.send` job. It is written to the outbox inside the transaction of
 * the change it announces, so it carries everything the mail needs: the worker renders it
 * later without reading the database, and a retry renders exactly the same mail.
 */

const text = z.string().max(8000);
const reference = z.string().min(1).max(40);
const publicId = z.string().regex(/^[0-9a-f]{20}$/);
const digest = z.string().regex(/^[0-9a-f]{64}$/);

/** The report's review-timeline sentences (lib/reports/review-timeline.ts), as the page words them. */
const timeline = z.object({ usual: text, endsFirst: text.nullable() });

const appealReceived = z.object({
  template: z.literal("appeal-received"),
  data: z.object({ reference, publicId, reason: z.enum(["SPAM", "ABUSE", "RATE"]), timeline: timeline.optional() }),
});

const appealNotice = z.object({
  template: z.literal("appeal-notice"),
  data: z.object({
    reference,
    publicId,
    reason: z.enum(["SPAM", "ABUSE", "RATE"]),
    contactEmail: z.string().max(254),
    explanation: text,
    answers: z.array(z.object({ question: z.string().max(200), answer: text })).max(20),
  }),
});

const appealReplyNotice = z.object({
  template: z.literal("appeal-reply-notice"),
  data: z.object({ reference, publicId, infoRequest: text.nullable(), reply: text }),
});

/**
 * To the sender's contact address: the reviewer's decision, or question, in staff's words;
 * `reversed`: an admin reversed the earlier decision; `blockEnded`: the block was no longer
 * in force when it was decided (lifted by the relay, or expired, while the request waited),
 * so the mail says so rather than that it stays or is lifted now. Absent in jobs queued
 * before it existed: those render as before.
 */
const appealDecided = z.object({
  template: z.literal("appeal-decided"),
  data: z.object({
    reference,
    publicId,
    outcome: z.enum(["APPROVED", "DENIED", "NEEDS_INFO"]),
    text,
    reversed: z.boolean().optional(),
    blockEnded: z.object({ status: z.enum(["LIFTED", "EXPIRED"]), at: z.iso.datetime().nullable() }).optional(),
  }),
});

const caseReceived = z.object({
  template: z.literal("case-received"),
  data: z.object({ reference, publicId, bundleDigest: digest }),
});

const caseNotice = z.object({
  template: z.literal("case-notice"),
  data: z.object({
    reference,
    publicId,
    bundleDigest: digest,
    newCase: z.boolean(),
    note: text.nullable(),
    contactEmail: z.string().max(254).nullable(),
  }),
});

/** To the sender's contact address on a case: a staff reply, or the message the case was closed with. */
const caseReply = z.object({
  template: z.literal("case-reply"),
  data: z.object({ reference, publicId, text, closed: z.boolean() }),
});

/** To a user who asked to reset a forgotten password: the one-time link's token (the worker builds the link). */
const passwordReset = z.object({
  template: z.literal("password-reset"),
  data: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/), minutes: z.number().int().positive() }),
});

/** To someone an admin invited: the one-time link's token (the worker builds the link), the role and, for an owner, the account. */
const invitation = z.object({
  template: z.literal("invitation"),
  data: z.object({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    days: z.number().int().positive(),
    role: z.enum(["STAFF", "ADMIN", "OWNER"]),
    accountName: z.string().max(200).nullable(),
  }),
});

/** To an address an account owner chose: something happened to one of the account's blocks. Carries List-Unsubscribe. */
const ownerNotice = z.object({
  template: z.literal("owner-notice"),
  data: z.object({
    event: z.enum(["created", "escalated", "decided", "ended"]),
    publicId,
    reason: z.enum(["SPAM", "ABUSE", "RATE"]),
    smtpUser: z.string().max(200),
    outcome: z.enum(["APPROVED", "DENIED"]).nullable(),
    endedAs: z.enum(["LIFTED", "EXPIRED"]).nullable(),
    unsubscribeToken: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
  }),
});

/**
 * To an address an account owner added to the notifications, before anything else is sent
 * to it: the one-time confirmation link's token (the worker builds the link). Carries
 * List-Unsubscribe, as the notices do.
 */
const notificationConfirmation = z.object({
  template: z.literal("notification-confirmation"),
  data: z.object({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    days: z.number().int().positive(),
    accountName: z.string().max(200),
    unsubscribeToken: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
  }),
});

export const mailContentSchema = z.discriminatedUnion("template", [
  appealReceived,
  appealNotice,
  appealReplyNotice,
  appealDecided,
  caseReceived,
  caseNotice,
  caseReply,
  passwordReset,
  invitation,
  notificationConfirmation,
  ownerNotice,
]);

export type MailContent = z.infer<typeof mailContentSchema>;
export type MailTemplate = MailContent["template"];

export const mailJobSchema = z.intersection(
  mailContentSchema,
  z.object({
    to: z.email().max(254),
    /** When the change happened; the mail's Date header, identical on every retry. */
    queuedAt: z.iso.datetime(),
    /** Added by the outbox dispatcher: the row this job came from. */
    outboxId: z.union([z.string(), z.number()]).optional(),
  }),
);

export type MailJob = z.infer<typeof mailJobSchema>;
