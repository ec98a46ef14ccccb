import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { env } from "@/lib/env";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";

const HOUR = 3_600_000;

async function createStaff() {
  return getDb().user.create({
    data: {
      email: `staff-${Date.now()}-${Math.random()}@example.net`,
      name: "Reviewer",
      passwordHash: "x",
      role: "STAFF",
    },
  });
}

describe("the review state in the report", () => {
  let accountId: string;
  let staffId: string;
  beforeAll(async () => {
    accountId = (await createAccount()).id;
    staffId = (await createStaff()).id;
  });

  async function blockWith() {
    return createBlock({ accountId, smtpUserId: (await createSmtpUser(accountId)).id });
  }

  it("shows the latest appeal with its messages and the open case; no new request while one is open", async () => {
    const { block, secret } = await blockWith();
    const base = { blockId: block.id, accountId };
    await getDb().appeal.create({
      data: {
        ...base,
        reference: `A-OLD${block.publicId.slice(0, 4)}`,
        contactEmail: "a@example.com",
        explanation: "An older request that was decided already.",
        trafficStopped: true,
        status: "DENIED",
        decisionReason: "Still sending.",
        decidedById: staffId,
        decidedAt: new Date(Date.now() - 72 * HOUR),
        createdAt: new Date(Date.now() - 80 * HOUR),
      },
    });
    const latest = await getDb().appeal.create({
      data: {
        ...base,
        reference: `A-NEW${block.publicId.slice(0, 4)}`,
        contactEmail: "a@example.com",
        explanation: "We removed the purchased list and paused sending.",
        trafficStopped: true,
        status: "NEEDS_INFO",
        infoRequest: "Which list did you remove?",
      },
    });
    await getDb().appealMessage.createMany({
      data: [
        {
          appealId: latest.id,
          accountId,
          author: "STAFF",
          body: "Which list did you remove?",
          createdAt: new Date(Date.now() - 2 * HOUR),
        },
        {
          appealId: latest.id,
          accountId,
          author: "SENDER",
          body: "The one imported on Monday.",
          createdAt: new Date(Date.now() - HOUR),
        },
      ],
    });
    await getDb().complianceCase.create({
      data: { ...base, reference: `C-${block.publicId.slice(0, 6)}`, bundle: {}, bundleDigest: "b".repeat(64) },
    });

    const report = await getReportByLink({ publicId: block.publicId, secret });
    expect(report.latestAppeal).toMatchObject({
      reference: latest.reference,
      status: "NEEDS_INFO",
      infoRequest: "Which list did you remove?",
      decisionReason: null,
      messages: [
        { author: "STAFF", body: "Which list did you remove?" },
        { author: "SENDER", body: "The one imported on Monday." },
      ],
    });
    expect(report.openCase).toEqual({
      reference: `C-${block.publicId.slice(0, 6)}`,
      createdAt: expect.any(String),
      bundleDigest: "b".repeat(64),
    });
    expect(report.canAppeal).toEqual({ allowed: false, blocker: "open_appeal", availableAt: null });
    expect(JSON.stringify(report)).not.toContain("a@example.com");
  });

  it("after a denial, a new request waits for the cooldown", async () => {
    const { block, secret } = await blockWith();
    const decidedAt = new Date(Date.now() - HOUR);
    await getDb().appeal.create({
      data: {
        blockId: block.id,
        accountId,
        reference: `A-DEN${block.publicId.slice(0, 4)}`,
        contactEmail: "a@example.com",
        explanation: "Please lift it, we fixed everything.",
        trafficStopped: true,
        status: "DENIED",
        decisionReason: "Complaints continue.",
        decidedById: staffId,
        decidedAt,
      },
    });
    const report = await getReportByLink({ publicId: block.publicId, secret });
    expect(report.latestAppeal).toMatchObject({
      status: "DENIED",
      decisionReason: "Complaints continue.",
      decidedAt: decidedAt.toISOString(),
    });
    const expected = new Date(decidedAt.getTime() + env.APPEAL_COOLDOWN_HOURS * HOUR).toISOString();
    expect(report.canAppeal).toEqual(
      env.APPEAL_COOLDOWN_HOURS > 1
        ? { allowed: false, blocker: "cooldown", availableAt: expected }
        : { allowed: true, blocker: null, availableAt: null },
    );
    const later = await getReportByLink(
      { publicId: block.publicId, secret },
      new Date(decidedAt.getTime() + (env.APPEAL_COOLDOWN_HOURS + 1) * HOUR),
    );
    expect(later.canAppeal).toEqual({ allowed: true, blocker: null, availableAt: null });
  });

  it("a closed case is not an open case", async () => {
    const { block, secret } = await blockWith();
    await getDb().complianceCase.create({
      data: {
        blockId: block.id,
        accountId,
        reference: `C-CL${block.publicId.slice(0, 5)}`,
        status: "CLOSED",
        bundle: {},
        bundleDigest: "c".repeat(64),
        closedAt: new Date(),
      },
    });
    expect((await getReportByLink({ publicId: block.publicId, secret })).openCase).toBeNull();
  });
});
