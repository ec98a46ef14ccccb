import "server-only";
import { Prisma } from "@/lib/db/client";
import { queryRows } from "@/lib/db/sql";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  blockMatchesLink,
  linkKey,
  linkRetired,
  type LinkKey,
  type ReportLinkInput,
} from "@/lib/data/blocks/block-link";
import { toReportView, type ReportRow } from "./report-row";
import type { ReportView } from "../report-view";

export type { AppealEligibility, ReportAppeal, ReportCase, ReportEvent, ReportView } from "../report-view";

export type { ReportLinkInput } from "@/lib/data/blocks/block-link";

/**
 * The report as one JSON document, built by Postgres in one statement: the block chosen by
 * `where` (over `block b`), its SMTP user, evidence, timeline, latest appeal with its
 * messages, the open case, and the whole conversation with compliance (every review
 * request, question, answer, decision, message and reply the sender may read; never a
 * staff member's internal note). Callers put their authorization into `where`.
 */
export const reportDocumentSql = (where: Prisma.Sql) => Prisma.sql`
  SELECT json_build_object(
       'publicId', b.public_id, 'status', b.status, 'reason', b.reason,
       'smtpUser', u.username, 'senderAddress', b.sender_address,
       'spam', b.spam_score, 'abuse', b.abuse_score, 'rate', b.rate_score,
       'combined', b.combined_score, 'threshold', b.threshold,
       'escalationLevel', b.escalation_level, 'attemptCount', b.attempt_count,
       'smtpReply', b.smtp_reply, 'createdAt', b.created_at, 'updatedAt', b.updated_at,
       'expiresAt', b.expires_at, 'endedAt', b.ended_at, 'liftReason', b.lift_reason,
       'evidence', coalesce((
         SELECT json_agg(e.data ORDER BY e.observed_from, e.created_at, e.id)
         FROM evidence e WHERE e.block_id = b.id), '[]'),
       'events', coalesce((
         SELECT json_agg(json_build_object('type', ev.type, 'actor', ev.actor_type, 'at', ev.created_at, 'data', ev.data)
                         ORDER BY ev.created_at, ev.id)
         FROM event ev WHERE ev.block_id = b.id), '[]'),
       'latestAppeal', (
         SELECT json_build_object(
           'reference', a.reference, 'status', a.status, 'submittedAt', a.created_at,
           'explanation', a.explanation, 'infoRequest', a.info_request,
           'decisionReason', a.decision_reason, 'decidedAt', a.decided_at,
           'messages', coalesce((
             SELECT json_agg(json_build_object('author', m.author, 'body', m.body, 'at', m.created_at)
                             ORDER BY m.created_at, m.id)
             FROM appeal_message m WHERE m.appeal_id = a.id), '[]'))
         FROM appeal a WHERE a.block_id = b.id ORDER BY a.created_at DESC, a.id DESC LIMIT 1),
       'openCase', (
         SELECT json_build_object('reference', c.reference, 'createdAt', c.created_at, 'bundleDigest', c.bundle_digest)
         FROM compliance_case c WHERE c.block_id = b.id AND c.status = 'OPEN' LIMIT 1),
       'conversationReference', (
         SELECT r.reference FROM (
           SELECT a.reference, a.created_at, a.id FROM appeal a WHERE a.block_id = b.id
           UNION ALL
           SELECT c.reference, c.created_at, c.id FROM compliance_case c WHERE c.block_id = b.id) r
         ORDER BY r.created_at, r.id LIMIT 1),
       'conversation', coalesce((
         SELECT json_agg(json_build_object('kind', t.kind, 'author', t.author, 'at', t.at, 'body', t.body, 'reference', t.reference)
                         ORDER BY t.at, t.ord)
         FROM (
           SELECT 'review_request' AS kind, 'SENDER' AS author, a.created_at AS at, a.explanation AS body, a.reference, 0 AS ord
             FROM appeal a WHERE a.block_id = b.id
           UNION ALL
           SELECT CASE WHEN m.author = 'STAFF' THEN 'question' ELSE 'answer' END, m.author::text, m.created_at, m.body, a.reference, 1
             FROM appeal_message m JOIN appeal a ON a.id = m.appeal_id WHERE a.block_id = b.id
           UNION ALL
           SELECT CASE WHEN a.status = 'APPROVED' THEN 'approved' ELSE 'declined' END, 'STAFF', a.decided_at, a.decision_reason, a.reference, 2
             FROM appeal a WHERE a.block_id = b.id AND a.status IN ('APPROVED', 'DENIED')
           UNION ALL
           SELECT CASE WHEN cm.author = 'STAFF' THEN 'reply' ELSE 'message' END, cm.author::text, cm.created_at, cm.note, c.reference, 1
             FROM case_message cm JOIN compliance_case c ON c.id = cm.case_id WHERE c.block_id = b.id AND NOT cm.internal
           UNION ALL
           SELECT 'closed', 'STAFF', c.closed_at, NULL, c.reference, 3
             FROM compliance_case c WHERE c.block_id = b.id AND c.status = 'CLOSED') t), '[]'))
     FROM block b JOIN smtp_user u ON u.id = b.smtp_user_id
     WHERE ${where}`;

/*
 * One statement, one round trip (bench:report counts it): the report, and whether the
 * secret is a retired (rotated) one, so a miss needs no second query to tell 404 from 410.
 * The block is found by its link as everywhere (lib/data/blocks/block-link.ts). It runs on
 * the view pool, as the version check does, and not through Prisma's raw query: for this
 * one JSON document Prisma's path cost 1.0–1.4 ms of CPU and 3.8–4.5 ms of latency per call
 * against 0.6–0.9 ms and 1.4–2.1 ms on the pool (400 calls on the demo report, one and 16
 * at a time), and every rendered report view pays it (bench:report's rendered view).
 */
const reportStatement = (key: LinkKey) => Prisma.sql`
  SELECT (${reportDocumentSql(blockMatchesLink("b", key))}) AS report, ${linkRetired(key)} AS retired`;

/*
 * The document is built by the statement above; toReportView maps it field by field and
 * checks its evidence items again (report-row.ts), so here only its shape is checked.
 */
export const reportDocument = z
  .looseObject({ publicId: z.string() })
  .transform((report) => report as unknown as ReportRow);
const reportResult = z.object({ report: reportDocument.nullable(), retired: z.boolean() });

/**
 * The report behind a link. Anyone holding the link may call it: the secret is the
 * authority. Reads only; viewing never changes state (mail scanners fetch every link).
 *
 * @throws AppError NOT_FOUND for an unknown id, a wrong secret or a malformed link, alike;
 *   GONE for a secret that was rotated away.
 */
export async function getReportByLink({ publicId, secret }: ReportLinkInput, now = new Date()): Promise<ReportView> {
  const key = linkKey({ publicId, secret });
  if (!key) throw new AppError("NOT_FOUND", "No report matches this link.");
  const [row] = await queryRows("view", reportStatement(key), reportResult, "report-document");
  if (row?.report) return toReportView(row.report, { now, appealCooldownHours: env.APPEAL_COOLDOWN_HOURS });
  if (row?.retired) throw new AppError("GONE", "This report link was replaced by a newer one.");
  throw new AppError("NOT_FOUND", "No report matches this link.");
}
