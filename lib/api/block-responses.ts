import "server-only";
import type { CreateBlockResult } from "@/lib/data/blocks";
import { env } from "@/lib/env";
import { buildReportUrl, smtpReplyWithLink } from "@/lib/report-link";
import type { CreateBlockResponse } from "./schemas/blocks";

/**
 * The creation response. The link is built from PUBLIC_BASE_URL, never from the request's
 * Host header, so a forged Host cannot put another site's address into a bounce.
 */
export function createBlockResponse(result: CreateBlockResult): CreateBlockResponse {
  const { block } = result;
  const reportUrl =
    result.secret !== null
      ? buildReportUrl(env.PUBLIC_BASE_URL, block.id, result.secret)
      : (result.currentLink?.url ?? null);
  return {
    id: block.id,
    existing: !result.created,
    status: block.status,
    reportUrl,
    smtpReply: reportUrl === null ? block.smtpReply : smtpReplyWithLink(block.reason, reportUrl),
    evidenceAdded: result.evidenceAdded,
    block,
  };
}
