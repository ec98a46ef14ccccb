import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { liftBlock } from "@/lib/data/blocks/lift-block";
import { decideAppeal, reverseDecision } from "@/lib/data/staff";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { renderTemplate } from "@/lib/mail/templates";
import { describeEvent } from "@/lib/reports/describe-event";
import type { MailContent } from "@/lib/mail/mail-job";
import { mailJobsFor } from "../sender-actions/support";
import { createBlock } from "../../support/factories";
import { createTestKey } from "../api/api-support";
import { blockWithOpenAppeal, createUser } from "./staff-support";

let staffId: string;
let adminId: string;

const APPROVE = "The imported list is deleted and opt-in is confirmed by mail; lifting.";
const DENY = "Complaint rate is still above 0.3 %; write again once it falls.";
const REVERSAL = "A second look at the samples: the shortener links are still in use. Back in force.";

async function state(blockId: string) {
  const block = await getDb().block.findUniqueOrThrow({
    where: { id: blockId },
    include: { appeals: true, events: { orderBy: { id: "asc" } } },
  });
  return {
    status: block.status,
    liftReason: block.liftReason,
    endedAt: block.endedAt,
    appeal: block.appeals[0]!,
    events: block.events,
  };
}

async function webhookBodies(publicId: string) {
  const rows = await getDb().outboxMessage.findMany({ where: { topic: "webhook.deliver" }, orderBy: { id: "asc" } });
  return rows
    .map((row) => row.payload as { eventType: string; body: string })
    .filter((job) => job.body.includes(publicId));
}

/** The newest decision mail for a request: its job payload, and its subject and text as rendered. */
async function decisionMail(reference: string) {
  const mail = (await mailJobsFor(reference)).filter((job) => job.payload.template === "appeal-decided").at(-1)!;
  const rendered = renderTemplate(mail.payload as unknown as MailContent, {
    relayName: "Example Relay",
    publicBaseUrl: "https://reports.example.net",
  });
  return { payload: mail.payload, subject: rendered.subject, text: rendered.blocks.map((b) => b.text).join("\n") };
}

describe("reverseDecision", () => {
  let endpointId: string;
  beforeAll(async () => {
    staffId = (await createUser("STAFF")).id;
    adminId = (await createUser("ADMIN")).id;
    endpointId = (
      await getDb().webhookEndpoint.create({
        data: { url: "http://127.0.0.1:9/reverse-test", secret: "s", events: ["*"] },
      })
    ).id;
  });
  afterAll(async () => {
    await getDb().webhookEndpoint.update({ where: { id: endpointId }, data: { active: false } });
  });

  it("reversing an approval puts the block back in force: request declined, event, mail, block.reinstated and appeal.decided", async () => {
    const { block, link, reference } = await blockWithOpenAppeal();
    await decideAppeal({ staffId, reference, fields: { decision: "approve", text: APPROVE } });
    expect((await state(block.id)).status).toBe("LIFTED");

    const result = await reverseDecision({ adminId, reference, fields: { reverses: "APPROVED", reason: REVERSAL } });
    expect(result).toEqual({ reference, publicId: block.publicId, status: "DENIED" });
    const after = await state(block.id);
    expect(after).toMatchObject({ status: "ACTIVE", liftReason: null, endedAt: null });
    expect(after.appeal).toMatchObject({ status: "DENIED", decisionReason: REVERSAL, decidedById: adminId });
    const reversal = after.events.at(-1)!;
    expect(reversal).toMatchObject({
      type: "DECISION_REVERSED",
      actorType: "STAFF",
      actorId: adminId,
      data: { appealReference: reference, decision: "DENIED", reversed: "APPROVED", reason: REVERSAL },
    });

    const mail = await decisionMail(reference);
    expect(mail.payload).toMatchObject({
      to: "ops@example.org",
      data: { outcome: "DENIED", text: REVERSAL, reversed: true },
    });
    expect(mail.subject).toBe(
      `Decision on review request ${reference} reversed: the block is back in force (report ${block.publicId})`,
    );

    const hooks = await webhookBodies(block.publicId);
    const reinstated = hooks.find((hook) => hook.eventType === "block.reinstated");
    expect(JSON.parse(reinstated!.body)).toMatchObject({
      type: "block.reinstated",
      data: { block: { id: block.publicId, status: "ACTIVE", liftReason: null } },
    });
    const decided = hooks.filter((hook) => hook.eventType === "appeal.decided").at(-1)!;
    expect(JSON.parse(decided.body)).toMatchObject({
      data: {
        appeal: { reference, status: "DENIED", reversed: true },
        block: { id: block.publicId, status: "ACTIVE" },
      },
    });

    // The sender's page: the block is in force, the request declined with the admin's reason.
    const report = await getReportByLink(link);
    expect(report.status).toBe("ACTIVE");
    expect(report.latestAppeal).toMatchObject({ status: "DENIED", decisionReason: REVERSAL });
    expect(describeEvent(report.events.find((e) => e.type === "DECISION_REVERSED")!)).toBe(
      "Review decision reversed: declined, block back in force",
    );
  });

  it("reversing a decline lifts the block through liftBlock (LIFTED event, block.lifted) and approves the request", async () => {
    const { block, link, reference } = await blockWithOpenAppeal("SPAM");
    await decideAppeal({ staffId, reference, fields: { decision: "deny", text: DENY } });
    const reason = "The complaint figures counted a forwarding loop; the rate is fine. Lifting.";
    await expect(
      reverseDecision({ adminId, reference, fields: { reverses: "DENIED", reason } }),
    ).resolves.toMatchObject({ status: "APPROVED" });
    const after = await state(block.id);
    expect(after).toMatchObject({ status: "LIFTED", liftReason: reason });
    expect(after.appeal).toMatchObject({ status: "APPROVED", decisionReason: reason, decidedById: adminId });
    expect(after.events.slice(-2).map((e) => e.type)).toEqual(["LIFTED", "DECISION_REVERSED"]);
    expect((await webhookBodies(block.publicId)).map((hook) => hook.eventType)).toEqual(
      expect.arrayContaining(["block.lifted", "appeal.decided"]),
    );
    const report = await getReportByLink(link);
    expect(report).toMatchObject({ status: "LIFTED", latestAppeal: { status: "APPROVED", decisionReason: reason } });
  });

  it("only an admin may reverse; a staff member is refused and nothing changes", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    await decideAppeal({ staffId, reference, fields: { decision: "approve", text: APPROVE } });
    const events = (await state(block.id)).events.length;
    await expect(
      reverseDecision({ adminId: staffId, reference, fields: { reverses: "APPROVED", reason: REVERSAL } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      reverseDecision({ adminId: "not-a-uuid", reference, fields: { reverses: "APPROVED", reason: REVERSAL } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const after = await state(block.id);
    expect(after.status).toBe("LIFTED");
    expect(after.events).toHaveLength(events);
  });

  it("refuses an undecided request, a short reason, an unknown reference, and a block whose time ran out", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    await expect(
      reverseDecision({ adminId, reference, fields: { reverses: "APPROVED", reason: REVERSAL } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      reverseDecision({ adminId, reference, fields: { reverses: "APPROVED", reason: "short" } }),
    ).rejects.toMatchObject({ code: "INVALID", details: { fieldErrors: { reason: [expect.any(String)] } } });
    await expect(
      reverseDecision({ adminId, reference: "A-NOPE", fields: { reverses: "APPROVED", reason: REVERSAL } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    await decideAppeal({ staffId, reference, fields: { decision: "approve", text: APPROVE } });
    await getDb().block.update({ where: { id: block.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await expect(
      reverseDecision({ adminId, reference, fields: { reverses: "APPROVED", reason: REVERSAL } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("time has run out") });
    // The failed reversal rolled back: still approved, still lifted.
    expect(await state(block.id)).toMatchObject({
      status: "LIFTED",
      appeal: { status: "APPROVED", decisionReason: APPROVE },
    });
  });

  it("reversing a decline on a block that ended meanwhile approves the request and tells the sender it had ended", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    await decideAppeal({ staffId, reference, fields: { decision: "deny", text: DENY } });
    const endedAt = new Date(Date.now() - 60_000);
    await getDb().block.update({ where: { id: block.id }, data: { status: "EXPIRED", expiresAt: endedAt, endedAt } });
    const approval = "On a second look the list was clean after all; approving.";
    await reverseDecision({ adminId, reference, fields: { reverses: "DENIED", reason: approval } });
    expect(await state(block.id)).toMatchObject({ status: "EXPIRED", appeal: { status: "APPROVED" } });
    const mail = await decisionMail(reference);
    expect(mail.payload.data).toMatchObject({
      outcome: "APPROVED",
      reversed: true,
      blockEnded: { status: "EXPIRED", at: endedAt.toISOString() },
    });
    expect(mail.subject).toBe(`Decision on review request ${reference} reversed: approved (report ${block.publicId})`);
    const text = mail.text;
    expect(text).toContain("reversed it: the request is approved.");
    expect(text).toContain(`Block report ${block.publicId} had already expired on `);
    expect(text).not.toContain("is lifted");
  });

  it("reversing an approval of a block the relay had lifted before it declines the request and leaves the relay's lift alone", async () => {
    const { block, link, reference } = await blockWithOpenAppeal();
    const relay = { type: "RELAY" as const, id: (await createTestKey("reverse-relay")).id };
    const relayReason = "Relay operator lifted it: a false positive.";
    await liftBlock({ publicId: block.publicId, reason: relayReason, actor: relay });
    const lifted = await state(block.id);
    await decideAppeal({ staffId, reference, fields: { decision: "approve", text: APPROVE } });
    const hooksBefore = (await webhookBodies(block.publicId)).length;

    await expect(
      reverseDecision({ adminId, reference, fields: { reverses: "APPROVED", reason: REVERSAL } }),
    ).resolves.toMatchObject({
      status: "DENIED",
      blockEnded: { status: "LIFTED", at: lifted.endedAt!.toISOString() },
    });
    const after = await state(block.id);
    expect(after).toMatchObject({ status: "LIFTED", liftReason: relayReason, endedAt: lifted.endedAt });
    // The timeline says the block was left as it was.
    expect(after.events.at(-1)).toMatchObject({ type: "DECISION_REVERSED", data: { blockUnchanged: true } });
    const report = await getReportByLink(link);
    expect(describeEvent(report.events.find((e) => e.type === "DECISION_REVERSED")!)).toBe(
      "Review decision reversed: declined (the block had already ended)",
    );
    expect(after.appeal).toMatchObject({ status: "DENIED", decisionReason: REVERSAL });
    // The relay hears of the decision, and of no reinstatement.
    const hooks = (await webhookBodies(block.publicId)).slice(hooksBefore).map((hook) => hook.eventType);
    expect(hooks).toEqual(["appeal.decided"]);
    const mail = await decisionMail(reference);
    expect(mail.payload.data).toMatchObject({
      outcome: "DENIED",
      reversed: true,
      blockEnded: { status: "LIFTED", at: lifted.endedAt!.toISOString() },
    });
    expect(mail.subject).toBe(`Decision on review request ${reference} reversed: declined (report ${block.publicId})`);
    const text = mail.text;
    expect(text).toContain("reversed it: the request is declined.");
    expect(text).toContain(`Block report ${block.publicId} had already been lifted on `);
    expect(text).not.toContain("is back in force");
    expect(text).toContain("Declining the request does not put it back in force.");
  });

  it("refuses to put a block back in force while a newer block for the same sender is open", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    await decideAppeal({ staffId, reference, fields: { decision: "approve", text: APPROVE } });
    // The relay blocked the same sender again after the lift.
    await createBlock({ accountId: block.accountId, smtpUserId: block.smtpUserId, senderAddress: block.senderAddress });
    await expect(
      reverseDecision({ adminId, reference, fields: { reverses: "APPROVED", reason: REVERSAL } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("newer block") });
    expect(await state(block.id)).toMatchObject({ status: "LIFTED", appeal: { status: "APPROVED" } });
  });

  it("puts a block back in force beside an open block for a look-alike sender: `_` is no wildcard", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    await decideAppeal({ staffId, reference, fields: { decision: "approve", text: APPROVE } });
    await getDb().block.update({ where: { id: block.id }, data: { senderAddress: "bulk_mail@example.org" } });
    await createBlock({
      accountId: block.accountId,
      smtpUserId: block.smtpUserId,
      senderAddress: "bulk-mail@example.org",
    });
    await reverseDecision({ adminId, reference, fields: { reverses: "APPROVED", reason: REVERSAL } });
    expect(await state(block.id)).toMatchObject({ status: "ACTIVE", appeal: { status: "DENIED" } });
  });

  it("two admins reversing at once, or one form posted twice: reversed once, the other is told it already was", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    await decideAppeal({ staffId, reference, fields: { decision: "approve", text: APPROVE } });
    const other = (await createUser("ADMIN")).id;
    const results = await Promise.allSettled([
      reverseDecision({ adminId, reference, fields: { reverses: "APPROVED", reason: REVERSAL } }),
      reverseDecision({ adminId: other, reference, fields: { reverses: "APPROVED", reason: REVERSAL } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "CONFLICT", message: expect.stringContaining("already reversed") },
    });
    const after = await state(block.id);
    expect(after.events.filter((e) => e.type === "DECISION_REVERSED")).toHaveLength(1);
    expect(after).toMatchObject({ status: "ACTIVE", appeal: { status: "DENIED" } });
    // Reversing the reversal is a decision of its own, and sees the block as it is now.
    await reverseDecision({
      adminId: other,
      reference,
      fields: { reverses: "DENIED", reason: "Checked once more with the abuse desk: the first approval was right." },
    });
    expect(await state(block.id)).toMatchObject({ status: "LIFTED", appeal: { status: "APPROVED" } });
  });
});
