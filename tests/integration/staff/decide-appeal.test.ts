import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { liftBlock } from "@/lib/data/blocks/lift-block";
import { decideAppeal, getStaffReport, listReviewQueue } from "@/lib/data/staff";
import { formatUtcDateTime } from "@/lib/evidence/format";
import { mailContentSchema } from "@/lib/mail/mail-job";
import { renderTemplate } from "@/lib/mail/templates";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { describeEvent } from "@/lib/reports/describe-event";
import { createTestKey } from "../api/api-support";
import { mailJobsFor } from "../sender-actions/support";
import { blockWithOpenAppeal, createUser } from "./staff-support";

let staffId: string;
let ownerId: string;
beforeAll(async () => {
  staffId = (await createUser("STAFF")).id;
  ownerId = (await createUser("OWNER")).id;
});

const REASON = "The imported list is deleted and opt-in is confirmed by mail; lifting.";

async function state(blockId: string) {
  const block = await getDb().block.findUniqueOrThrow({
    where: { id: blockId },
    include: { appeals: { include: { messages: true } }, events: { orderBy: { id: "asc" } } },
  });
  return {
    status: block.status,
    liftReason: block.liftReason,
    appeal: block.appeals[0]!,
    events: block.events.map((e) => e.type),
  };
}

async function webhookJobs(publicId: string) {
  const rows = await getDb().outboxMessage.findMany({ where: { topic: "webhook.deliver" } });
  return rows
    .map((row) => row.payload as { eventType: string; body: string })
    .filter((job) => job.body.includes(publicId))
    .map((job) => job.eventType)
    .sort();
}

describe("decideAppeal", () => {
  // A relay-wide endpoint for these tests only: other files count their own deliveries.
  let endpointId: string;
  beforeAll(async () => {
    endpointId = (
      await getDb().webhookEndpoint.create({
        data: { url: "http://127.0.0.1:9/staff-test", secret: "s", events: ["*"] },
      })
    ).id;
  });
  afterAll(async () => {
    await getDb().webhookEndpoint.update({ where: { id: endpointId }, data: { active: false } });
  });

  it("approves: the block is lifted with the reason, the sender is mailed, the relay told", async () => {
    const { block, link, reference } = await blockWithOpenAppeal();
    const result = await decideAppeal({ staffId, reference, fields: { decision: "approve", text: REASON } });
    expect(result).toEqual({ reference, publicId: block.publicId, status: "APPROVED" });
    const after = await state(block.id);
    expect(after.status).toBe("LIFTED");
    expect(after.liftReason).toBe(REASON);
    expect(after.appeal).toMatchObject({ status: "APPROVED", decisionReason: REASON, decidedById: staffId });
    expect(after.events).toEqual(expect.arrayContaining(["APPEAL_DECIDED", "LIFTED"]));
    const mail = (await mailJobsFor(reference)).find((job) => job.payload.template === "appeal-decided");
    expect(mail?.payload).toMatchObject({ to: "ops@example.org", data: { outcome: "APPROVED", text: REASON } });
    expect(await webhookJobs(block.publicId)).toEqual(expect.arrayContaining(["appeal.decided", "block.lifted"]));
    const report = await getReportByLink(link);
    expect(report.latestAppeal).toMatchObject({ status: "APPROVED", decisionReason: REASON });
    expect(describeEvent(report.events.find((e) => e.type === "APPEAL_DECIDED")!)).toBe(
      "Review decided: approved, block lifted",
    );
  });

  it("declines: the block is back in force and the sender may ask again only after the cooldown", async () => {
    const { block, link, reference } = await blockWithOpenAppeal("SPAM");
    await decideAppeal({
      staffId,
      reference,
      fields: { decision: "deny", text: "Complaint rate is still above 0.3 %; write again once it falls." },
    });
    const after = await state(block.id);
    expect(after.status).toBe("ACTIVE");
    expect(after.appeal.status).toBe("DENIED");
    expect((await getReportByLink(link)).canAppeal).toMatchObject({ allowed: false, blocker: "cooldown" });
    expect(await webhookJobs(block.publicId)).toContain("appeal.decided");
  });

  it("asks a question, which the sender sees; a second question waits; approving still works", async () => {
    const { block, link, reference } = await blockWithOpenAppeal("RATE");
    const question = "Which batch size will you use from now on, per minute?";
    await decideAppeal({ staffId, reference, fields: { decision: "ask", text: question } });
    const asked = await state(block.id);
    expect(asked.status).toBe("UNDER_REVIEW");
    expect(asked.appeal).toMatchObject({ status: "NEEDS_INFO", infoRequest: question });
    expect(asked.appeal.messages.map((m) => [m.author, m.body])).toEqual([["STAFF", question]]);
    expect(asked.events).toContain("APPEAL_INFO_REQUESTED");
    expect((await getReportByLink(link)).latestAppeal).toMatchObject({ status: "NEEDS_INFO", infoRequest: question });
    expect(
      (await mailJobsFor(reference)).some(
        (job) => job.payload.template === "appeal-decided" && job.payload.data.outcome === "NEEDS_INFO",
      ),
    ).toBe(true);

    await expect(
      decideAppeal({ staffId, reference, fields: { decision: "ask", text: "And another question for you?" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await decideAppeal({ staffId, reference, fields: { decision: "approve", text: REASON } });
    expect((await state(block.id)).status).toBe("LIFTED");
  });

  it("rejects a decision without a choice or words, naming the fields, and changes nothing", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    const error = await decideAppeal({ staffId, reference, fields: { decision: "maybe", text: "short" } }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: "INVALID",
      details: {
        fieldErrors: { decision: [expect.any(String)], text: [expect.stringMatching(/at least 10 characters/)] },
      },
    });
    expect((await state(block.id)).appeal.status).toBe("OPEN");
  });

  it("refuses anyone but staff, and an unknown request", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    for (const id of [ownerId, "00000000-0000-0000-0000-000000000000", "not-a-uuid"]) {
      await expect(
        decideAppeal({ staffId: id, reference, fields: { decision: "approve", text: REASON } }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await state(block.id)).status).toBe("UNDER_REVIEW");
    await expect(
      decideAppeal({ staffId, reference: "A-ZZZZZZ", fields: { decision: "approve", text: REASON } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets one of two reviewers deciding at once win; the other is told it is decided", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    const other = (await createUser("ADMIN")).id;
    const results = await Promise.allSettled([
      decideAppeal({ staffId, reference, fields: { decision: "approve", text: REASON } }),
      decideAppeal({
        staffId: other,
        reference,
        fields: { decision: "deny", text: "Not convinced the list is clean yet." },
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    const after = await state(block.id);
    expect(after.events.filter((type) => type === "APPEAL_DECIDED")).toHaveLength(1);
    expect(after.status).toBe(after.appeal.status === "APPROVED" ? "LIFTED" : "ACTIVE");
  });

  describe("on a request whose block ended while it waited", () => {
    const CONTEXT = { relayName: "Example Relay", publicBaseUrl: "https://reports.example" };

    async function decidedMail(reference: string) {
      const job = (await mailJobsFor(reference)).filter((j) => j.payload.template === "appeal-decided").at(-1)!;
      const content = mailContentSchema.parse({ template: job.payload.template, data: job.payload.data });
      const { subject, blocks } = renderTemplate(content, CONTEXT);
      return { data: job.payload.data, subject, text: blocks.map((block) => block.text).join("\n") };
    }

    async function decidedWebhook(publicId: string) {
      const rows = await getDb().outboxMessage.findMany({
        where: { topic: "webhook.deliver" },
        orderBy: { id: "asc" },
      });
      const body = rows
        .map((row) => row.payload as { eventType: string; body: string })
        .filter((job) => job.eventType === "appeal.decided" && job.body.includes(publicId))
        .at(-1)!.body;
      return JSON.parse(body) as { data: { appeal: { status: string }; block: { status: string } } };
    }

    it("declines one the relay lifted: nothing is put back, and nobody is told the block stays", async () => {
      const { block, reference } = await blockWithOpenAppeal("SPAM");
      const key = await createTestKey();
      const lifted = await liftBlock({
        publicId: block.publicId,
        reason: "Lifted by the relay's own support desk.",
        actor: { type: "RELAY", id: key.id },
      });
      const decline = "The complaint rate was still too high when we looked.";
      const result = await decideAppeal({ staffId, reference, fields: { decision: "deny", text: decline } });
      expect(result).toMatchObject({ status: "DENIED", blockEnded: { status: "LIFTED", at: lifted.endedAt } });
      const after = await state(block.id);
      expect(after).toMatchObject({ status: "LIFTED", liftReason: "Lifted by the relay's own support desk." });
      expect(after.appeal).toMatchObject({ status: "DENIED", decisionReason: decline });

      const mail = await decidedMail(reference);
      expect(mail.data).toMatchObject({ outcome: "DENIED", blockEnded: { status: "LIFTED", at: lifted.endedAt } });
      expect(mail.subject).toBe(`Review request ${reference} declined (report ${block.publicId})`);
      expect(mail.text).toContain(
        `declined your review request ${reference}. Block report ${block.publicId} had already been lifted on ${formatUtcDateTime(lifted.endedAt!)}, before this decision. Declining the request does not put it back in force.`,
      );
      expect(mail.text).not.toMatch(/stays in place/);
      expect(mail.text).toContain(decline);
      expect((await decidedWebhook(block.publicId)).data).toMatchObject({
        appeal: { status: "DENIED" },
        block: { status: "LIFTED" },
      });
    });

    it("approves one that expired: the mail says it had expired, not that the team lifted it", async () => {
      const { block, reference } = await blockWithOpenAppeal("RATE");
      const endedAt = new Date(Date.now() - 3_600_000);
      await getDb().block.update({ where: { id: block.id }, data: { status: "EXPIRED", expiresAt: endedAt, endedAt } });
      await decideAppeal({ staffId, reference, fields: { decision: "approve", text: REASON } });
      expect((await state(block.id)).status).toBe("EXPIRED");
      const mail = await decidedMail(reference);
      expect(mail.subject).toBe(`Review request ${reference} approved (report ${block.publicId})`);
      expect(mail.text).toContain(
        `Block report ${block.publicId} had already expired on ${formatUtcDateTime(endedAt.toISOString())}, before this decision.`,
      );
      expect(mail.text).not.toMatch(/and lifted block report|stays in place/);
      expect((await decidedWebhook(block.publicId)).data.block.status).toBe("EXPIRED");
    });

    it("approves one the relay is lifting at that moment: the decision waits for the lift and is recorded, not refused", async () => {
      const { block, reference } = await blockWithOpenAppeal("SPAM");
      const key = await createTestKey();
      // The relay's lift holds the block's row until it commits; the decision starts meanwhile.
      let commit!: () => void;
      const committed = new Promise<void>((resolve) => (commit = resolve));
      let liftStarted!: () => void;
      const started = new Promise<void>((resolve) => (liftStarted = resolve));
      const lift = getDb().$transaction(async (tx) => {
        await liftBlock({
          publicId: block.publicId,
          reason: "Lifted by the relay while a reviewer decided.",
          actor: { type: "RELAY", id: key.id },
          tx,
        });
        liftStarted();
        await committed;
      });
      await started;
      const decision = decideAppeal({ staffId, reference, fields: { decision: "approve", text: REASON } });
      // Long enough for the decision to read and wait on the row.
      await new Promise((resolve) => setTimeout(resolve, 300));
      commit();
      await lift;
      await expect(decision).resolves.toMatchObject({ status: "APPROVED", blockEnded: { status: "LIFTED" } });
      expect(await state(block.id)).toMatchObject({
        status: "LIFTED",
        liftReason: "Lifted by the relay while a reviewer decided.",
        appeal: { status: "APPROVED", decisionReason: REASON },
      });
      expect((await decidedMail(reference)).text).toContain("had already been lifted");
    });

    it("still says the block stays when it was in force", async () => {
      const { reference } = await blockWithOpenAppeal();
      await decideAppeal({
        staffId,
        reference,
        fields: { decision: "deny", text: "The list is still in use; declined." },
      });
      const mail = await decidedMail(reference);
      expect(mail.data.blockEnded).toBeUndefined();
      expect(mail.text).toContain("stays in place");
    });
  });
});

describe("the queue and the staff report", () => {
  it("lists open requests oldest first, and questions and cases apart; staff only", async () => {
    const first = await blockWithOpenAppeal();
    const second = await blockWithOpenAppeal();
    const asked = await blockWithOpenAppeal();
    await decideAppeal({
      staffId,
      reference: asked.reference,
      fields: { decision: "ask", text: "Which list did this campaign go to?" },
    });
    // The three accounts share a name no other test uses, and the queue is searched by it: the
    // shared database holds more open requests than one page (50) shows.
    const tag = `decide-order-${randomBytes(4).toString("hex")}`;
    for (const { block } of [first, second, asked])
      await getDb().account.update({ where: { id: block.accountId }, data: { name: `${tag} account` } });
    const queue = await listReviewQueue({ staffId, filters: { assignee: "anyone", q: tag } });
    expect(queue.toDecide).toHaveLength(2);
    const order = queue.toDecide.map((a) => a.reference);
    expect(order.indexOf(first.reference)).toBeLessThan(order.indexOf(second.reference));
    expect(order).not.toContain(asked.reference);
    expect(queue.waitingForSender.map((a) => a.reference)).toContain(asked.reference);
    expect(queue.toDecide.find((a) => a.reference === first.reference)?.block).toMatchObject({
      publicId: first.block.publicId,
      status: "UNDER_REVIEW",
      reason: "ABUSE",
    });
    await expect(listReviewQueue({ staffId: ownerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows staff the sender's answers under their questions; anyone else gets NOT_FOUND", async () => {
    const { block, reference } = await blockWithOpenAppeal("ABUSE");
    const staffReport = await getStaffReport({ staffId, publicId: block.publicId });
    expect(staffReport.report.publicId).toBe(block.publicId);
    expect(staffReport.appeals[0]).toMatchObject({ reference, contactEmail: "ops@example.org", status: "OPEN" });
    expect(staffReport.appeals[0]!.answers.map((a) => a.question)).toContain("How the list was collected");
    await expect(getStaffReport({ staffId: ownerId, publicId: block.publicId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getStaffReport({ staffId, publicId: "ffffffffffffffffffff" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
