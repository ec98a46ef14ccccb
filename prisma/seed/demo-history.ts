import type { Block, Prisma } from "@/lib/generated/prisma/client";
import type { DemoBlock } from "./demo-content";

const HOUR = 3_600_000;

/** The lifted demo report was decided and lifted this many hours after it was blocked (its endedAt too). */
export const DEMO_LIFTED_AFTER_HOURS = 30;

interface HistoryInput {
  demo: DemoBlock;
  block: Block;
  staffId: string;
  now: number;
}

/** Timeline, appeals and cases that make each demo report tell a believable story. */
export async function demoHistory(tx: Prisma.TransactionClient, { demo, block, staffId }: HistoryInput) {
  const at = (hoursAfter: number) => new Date(block.createdAt.getTime() + hoursAfter * HOUR);
  const base = { blockId: block.id, accountId: block.accountId };
  const event = (
    type: Prisma.EventCreateManyInput["type"],
    actorType: Prisma.EventCreateManyInput["actorType"],
    hoursAfter: number,
    data: Prisma.InputJsonValue = {},
  ) => ({ ...base, type, actorType, createdAt: at(hoursAfter), data });

  const events: Prisma.EventCreateManyInput[] = [event("CREATED", "RELAY", 0, { reason: demo.reason, level: 1 })];
  for (let level = 2; level <= demo.escalationLevel; level += 1) {
    events.push(event("ESCALATED", "RELAY", level * 0.6, { level, attempts: (level - 1) * 25 }));
  }

  if (demo.key === "spam-review") {
    const appeal = await tx.appeal.create({
      data: {
        ...base,
        reference: "A-7K3F9Q",
        contactEmail: "ops@acme-shop.example",
        trafficStopped: true,
        createdAt: at(2),
        updatedAt: at(2),
        explanation:
          "We paused the promo campaign, removed the image-only template and the shortened links, and now send from our own domain.",
        answers: { contentChanges: "Removed hidden text and the URL shortener; plain-text part added." },
      },
    });
    events.push(event("APPEAL_SUBMITTED", "SENDER", 2, { appealReference: appeal.reference }));
  }

  if (demo.key === "combined-lifted") {
    await tx.appeal.create({
      data: {
        ...base,
        reference: "A-2M8N4P",
        contactEmail: "it@northwind.example",
        trafficStopped: true,
        status: "APPROVED",
        explanation:
          "The CRM sync re-sent a purchased list. We deleted it, added double opt-in and throttled the sync to 200/min.",
        answers: {
          listSource: "Purchased list imported by mistake; deleted.",
          optIn: "Double opt-in since today.",
          newRate: "200 per minute",
        },
        decisionReason: "List removed and throttling confirmed in the relay logs; lifting.",
        decidedById: staffId,
        decidedAt: at(DEMO_LIFTED_AFTER_HOURS),
        firstResponseAt: at(DEMO_LIFTED_AFTER_HOURS),
        createdAt: at(6),
        updatedAt: at(DEMO_LIFTED_AFTER_HOURS),
      },
    });
    const kase = await tx.complianceCase.create({
      data: {
        ...base,
        reference: "C-5T2W8R",
        status: "CLOSED",
        bundle: { note: "frozen at report time" },
        bundleDigest: "a3".repeat(32),
        createdAt: at(5),
        closedAt: at(DEMO_LIFTED_AFTER_HOURS),
      },
    });
    await tx.caseMessage.create({
      data: {
        caseId: kase.id,
        accountId: block.accountId,
        note: "Please check the CRM sync job, not our newsletter.",
        contactEmail: "it@northwind.example",
        createdAt: at(5),
      },
    });
    events.push(
      event("CASE_OPENED", "SENDER", 5, { caseReference: kase.reference }),
      event("APPEAL_SUBMITTED", "SENDER", 6, { appealReference: "A-2M8N4P" }),
      {
        ...event("APPEAL_DECIDED", "STAFF", DEMO_LIFTED_AFTER_HOURS, {
          appealReference: "A-2M8N4P",
          decision: "APPROVED",
        }),
        actorId: staffId,
      },
      { ...event("LIFTED", "STAFF", DEMO_LIFTED_AFTER_HOURS, { reason: block.liftReason }), actorId: staffId },
    );
  }

  if (demo.status === "EXPIRED")
    events.push(event("EXPIRED", "SYSTEM", demo.createdHoursAgo + (demo.expiresInHours ?? 0), {}));
  await tx.event.createMany({ data: events });
}
