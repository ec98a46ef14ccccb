import { beforeAll, describe, expect, it } from "vitest";
import { generateReference } from "@/lib/appeals";
import { liftBlock } from "@/lib/data/blocks/lift-block";
import { reportMessage } from "@/lib/data/cases";
import {
  claimItem,
  closeCase,
  decideAppeal,
  getStaffReport,
  liftBlockAsStaff,
  listReviewQueue,
} from "@/lib/data/staff";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { getDb } from "@/lib/db/client";
import { blockWithLink, freshClient } from "../sender-actions/support";
import { createTestKey } from "../api/api-support";
import { blockWithOpenAppeal, createUser } from "./staff-support";

let staffId: string;
let ownerId: string;
beforeAll(async () => {
  staffId = (await createUser("STAFF")).id;
  ownerId = (await createUser("OWNER")).id;
});

describe("closeCase", () => {
  it("closes an open case with a message the sender reads and a note they never see; the next report opens a new case", async () => {
    const { block, link } = await blockWithLink();
    const { reference } = await reportMessage({
      link,
      fields: { note: "These samples are not ours." },
      client: freshClient(),
    });
    const message =
      "We checked the samples against your CRM export: they are yours, but nothing more is needed from you.";
    const note = "Samples match the customer's CRM export; nothing to act on.";
    await closeCase({ staffId, reference, fields: { message, note } });

    const stored = await getDb().complianceCase.findUniqueOrThrow({ where: { reference } });
    expect(stored.status).toBe("CLOSED");
    expect(stored.closedAt).not.toBeNull();
    expect((await listReviewQueue({ staffId })).cases.map((c) => c.reference)).not.toContain(reference);
    const staffView = await getStaffReport({ staffId, publicId: block.publicId });
    expect(staffView.cases[0]).toMatchObject({ reference, status: "CLOSED" });
    expect(staffView.cases[0]!.messages.map((m) => [m.author, m.internal, m.note])).toEqual([
      ["SENDER", false, "These samples are not ours."],
      ["STAFF", false, message],
      ["STAFF", true, note],
    ]);
    const senderView = await getReportByLink(link);
    expect(senderView.openCase).toBeNull();
    expect(senderView.events.map((e) => e.type)).toContain("CASE_CLOSED");
    expect(senderView.conversation.map((item) => [item.kind, item.body])).toEqual([
      ["message", "These samples are not ours."],
      ["reply", message],
      ["closed", null],
    ]);
    expect(JSON.stringify(senderView)).not.toContain(note);

    await expect(closeCase({ staffId, reference, fields: { message } })).rejects.toMatchObject({ code: "CONFLICT" });
    const next = await reportMessage({ link, fields: { note: "It happened again." }, client: freshClient() });
    expect(next.reference).not.toBe(reference);
    // One conversation per block: the sender keeps quoting the first reference.
    expect(next.conversationReference).toBe(reference);
  });

  it("wants a message for the sender, and staff", async () => {
    const { link } = await blockWithLink();
    const { reference } = await reportMessage({ link, fields: {}, client: freshClient() });
    await expect(
      closeCase({ staffId, reference, fields: { message: " ", note: "internal only" } }),
    ).rejects.toMatchObject({ code: "INVALID", details: { fieldErrors: { message: [expect.any(String)] } } });
    await expect(closeCase({ staffId: ownerId, reference, fields: { message: "Dealt with." } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      closeCase({ staffId, reference: "C-ZZZZZZ", fields: { message: "Dealt with." } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getDb().complianceCase.findUniqueOrThrow({ where: { reference } })).status).toBe("OPEN");
  });
});

describe("liftBlockAsStaff", () => {
  it("lifts with the reason shown on the report, as the staff member", async () => {
    const { block, link } = await blockWithLink();
    const reason = "Reported case checked: the samples came from a compromised partner account.";
    await liftBlockAsStaff({ staffId, publicId: block.publicId, fields: { reason } });
    const report = await getReportByLink(link);
    expect(report).toMatchObject({ status: "LIFTED", liftReason: reason });
    const lifted = await getDb().event.findFirstOrThrow({ where: { blockId: block.id, type: "LIFTED" } });
    expect(lifted).toMatchObject({ actorType: "STAFF", actorId: staffId });
    await expect(liftBlockAsStaff({ staffId, publicId: block.publicId, fields: { reason } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("wants a reason of ten characters or more, and staff", async () => {
    const { block } = await blockWithLink();
    await expect(
      liftBlockAsStaff({ staffId, publicId: block.publicId, fields: { reason: "ok" } }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { reason: [expect.stringMatching(/at least 10/)] } },
    });
    await expect(
      liftBlockAsStaff({ staffId: ownerId, publicId: block.publicId, fields: { reason: "Lifting this block now." } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getDb().block.findUniqueOrThrow({ where: { id: block.id } })).status).toBe("ACTIVE");
  });
});

describe("liftBlockAsStaff on a block whose review request awaits a decision", () => {
  const LIFT = { reason: "Lifting from the console without the request." };

  async function unchanged(blockId: string, reference: string, claimedById: string | null = null) {
    const stored = await getDb().block.findUniqueOrThrow({ where: { id: blockId }, include: { appeals: true } });
    expect(stored).toMatchObject({ status: "UNDER_REVIEW", liftReason: null, endedAt: null });
    expect(stored.appeals).toEqual([expect.objectContaining({ reference, claimedById })]);
    expect(await getDb().event.count({ where: { blockId, type: "LIFTED" } })).toBe(0);
    return stored.appeals[0]!;
  }

  it("refuses while the request is open or waits for the sender's answer, naming it; lifts once it is declined", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    const refusal = {
      code: "CONFLICT",
      message: `Review request ${reference} is waiting for a decision: approve it to lift the block, so its sender hears why.`,
      details: { reference },
    };
    await expect(liftBlockAsStaff({ staffId, publicId: block.publicId, fields: LIFT })).rejects.toMatchObject(refusal);
    expect((await unchanged(block.id, reference)).status).toBe("OPEN");

    await decideAppeal({
      staffId,
      reference,
      fields: { decision: "ask", text: "Which list did you import, and when?" },
    });
    await expect(liftBlockAsStaff({ staffId, publicId: block.publicId, fields: LIFT })).rejects.toMatchObject(refusal);
    expect((await unchanged(block.id, reference)).status).toBe("NEEDS_INFO");

    await decideAppeal({
      staffId,
      reference,
      fields: { decision: "deny", text: "The list is still in use; declined." },
    });
    await liftBlockAsStaff({ staffId, publicId: block.publicId, fields: LIFT });
    expect(await getDb().block.findUniqueOrThrow({ where: { id: block.id } })).toMatchObject({
      status: "LIFTED",
      liftReason: LIFT.reason,
    });
  });

  it("refuses an admin too, and names another reviewer's live claim", async () => {
    const { block, reference } = await blockWithOpenAppeal("SPAM");
    const admin = await createUser("ADMIN");
    await claimItem({ staffId: admin.id, reference });
    await expect(liftBlockAsStaff({ staffId, publicId: block.publicId, fields: LIFT })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(
        new RegExp(`^Review request ${reference} is waiting for a decision: .* Test ADMIN has claimed it: ask them`),
      ),
    });
    await expect(liftBlockAsStaff({ staffId: admin.id, publicId: block.publicId, fields: LIFT })).rejects.toMatchObject(
      { code: "CONFLICT", message: expect.not.stringContaining("has claimed it") },
    );
    expect((await unchanged(block.id, reference, admin.id)).status).toBe("OPEN");
  });

  it("checks authorization before saying anything about the request", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    await expect(liftBlockAsStaff({ staffId: ownerId, publicId: block.publicId, fields: LIFT })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await unchanged(block.id, reference);
  });

  it("waits for a request being submitted at the same moment, and then refuses", async () => {
    const { block } = await blockWithLink();
    let lift: Promise<unknown> | undefined;
    // What submitAppeal's transaction does, held open while the lift starts.
    const reference = await getDb().$transaction(async (tx) => {
      const appeal = await tx.appeal.create({
        data: {
          reference: generateReference("A"),
          blockId: block.id,
          accountId: block.accountId,
          contactEmail: "ops@example.org",
          explanation: "Submitted while the reviewer lifted.",
          answers: {},
          trafficStopped: true,
        },
      });
      await tx.block.update({ where: { id: block.id }, data: { status: "UNDER_REVIEW" } });
      lift = liftBlockAsStaff({ staffId, publicId: block.publicId, fields: LIFT }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return appeal.reference;
    });
    await expect(lift).resolves.toMatchObject({ code: "CONFLICT", details: { reference } });
    expect((await unchanged(block.id, reference)).status).toBe("OPEN");
  });
});

describe("a request whose block ended while it waited", () => {
  it("can still be answered: approving records the decision without lifting again", async () => {
    const { block, reference } = await blockWithOpenAppeal();
    // The relay lifts through its API whatever waits.
    await liftBlock({
      publicId: block.publicId,
      reason: "Lifted by the on-call reviewer at the customer's call.",
      actor: { type: "RELAY", id: (await createTestKey()).id },
    });
    await decideAppeal({
      staffId,
      reference,
      fields: { decision: "approve", text: "Already lifted by phone; confirming in writing." },
    });
    const stored = await getDb().block.findUniqueOrThrow({ where: { id: block.id }, include: { appeals: true } });
    expect(stored.status).toBe("LIFTED");
    expect(stored.liftReason).toBe("Lifted by the on-call reviewer at the customer's call.");
    expect(stored.appeals[0]!.status).toBe("APPROVED");
  });
});
