import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { digestOf } from "./canonical-json";

export const BUNDLE_FORMAT = "block-reports/evidence-bundle/v1";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * The report as it stands, frozen for compliance: the block, its evidence and its
 * timeline, read inside the caller's transaction so the three agree. Internal ids that
 * mean nothing outside this database (account, staff) and the link's secret digest are
 * left out; the bundle is what the sender saw on the report page.
 */
export async function buildEvidenceBundle(tx: Prisma.TransactionClient, blockId: string, frozenAt: Date) {
  const block = await tx.block.findUniqueOrThrow({
    where: { id: blockId },
    include: {
      smtpUser: { select: { username: true } },
      evidence: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      events: { orderBy: { id: "asc" } },
    },
  });
  const bundle = {
    format: BUNDLE_FORMAT,
    frozenAt: frozenAt.toISOString(),
    block: {
      publicId: block.publicId,
      target: { smtpUser: block.smtpUser.username, senderAddress: block.senderAddress },
      reason: block.reason,
      scores: {
        spam: block.spamScore,
        abuse: block.abuseScore,
        rate: block.rateScore,
        combined: block.combinedScore,
        threshold: block.threshold,
      },
      status: block.status,
      escalationLevel: block.escalationLevel,
      attemptCount: block.attemptCount,
      smtpReply: block.smtpReply,
      createdAt: iso(block.createdAt),
      expiresAt: iso(block.expiresAt),
      endedAt: iso(block.endedAt),
      liftReason: block.liftReason,
    },
    evidence: block.evidence.map((item) => ({
      id: item.id,
      kind: item.kind,
      observedFrom: iso(item.observedFrom),
      observedTo: iso(item.observedTo),
      recordedAt: iso(item.createdAt),
      data: item.data,
    })),
    events: block.events.map((event) => ({
      id: event.id.toString(),
      type: event.type,
      actor: event.actorType,
      at: iso(event.createdAt),
      data: event.data,
    })),
  };
  return { bundle, digest: digestOf(bundle) };
}

export type EvidenceBundle = Awaited<ReturnType<typeof buildEvidenceBundle>>["bundle"];
