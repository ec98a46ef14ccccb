import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { getReportVersion, type ReportVersion } from "@/lib/reports/data/report-version";
import { env } from "@/lib/env";
import { REVIEW_TIMES_BUCKET_MS } from "@/lib/reports/review-timeline";
import { digestSecret } from "@/lib/report-link";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";

/*
 * The version is what keeps a cached report page honest: every change to what the page
 * shows must change it, including changes no event records and writers that forget
 * updated_at. Each case makes the change the way some code path (or a careless one) could.
 */

const HOUR = 3_600_000;

async function newReport() {
  const accountId = (await createAccount()).id;
  const smtpUser = await createSmtpUser(accountId);
  const { block, secret } = await createBlock({ accountId, smtpUserId: smtpUser.id });
  return { accountId, smtpUser, block, link: { publicId: block.publicId, secret } };
}

type Report = Awaited<ReturnType<typeof newReport>>;

async function versionOf(link: Report["link"]): Promise<string> {
  const result = await getReportVersion(link);
  if (result.outcome !== "found") throw new Error(`expected a report, got ${result.outcome}`);
  return result.version;
}

async function openAppeal({ block, accountId }: Report) {
  return getDb().appeal.create({
    data: {
      blockId: block.id,
      accountId,
      reference: `A-${randomBytes(4).toString("hex")}`,
      contactEmail: "x@example.com",
      explanation: "Twenty characters at least, here.",
      trafficStopped: true,
    },
  });
}

const staffUser = () =>
  getDb().user.create({
    data: { email: `r-${randomBytes(4).toString("hex")}@example.net`, name: "R", passwordHash: "x", role: "STAFF" },
  });

const openCase = (blockId: string, accountId: string) =>
  getDb().complianceCase.create({
    data: {
      blockId,
      accountId,
      reference: `C-${randomBytes(4).toString("hex")}`,
      bundle: {},
      bundleDigest: "d".repeat(64),
    },
  });

const CHANGES: Record<string, (report: Report) => Promise<unknown>> = {
  "an event": ({ block, accountId }) =>
    getDb().event.create({ data: { blockId: block.id, accountId, type: "ESCALATED", actorType: "RELAY" } }),
  evidence: ({ block, accountId }) =>
    getDb().evidence.create({
      data: {
        blockId: block.id,
        accountId,
        kind: "evasion",
        observedFrom: new Date(),
        observedTo: new Date(),
        data: { kind: "evasion" },
      },
    }),
  "a block column, updated_at untouched": ({ block }) =>
    getDb().$executeRaw`UPDATE block SET attempt_count = attempt_count + 1 WHERE id = ${block.id}::uuid`,
  "the lift reason alone": ({ block }) =>
    getDb().$executeRaw`UPDATE block SET lift_reason = 'typo fixed' WHERE id = ${block.id}::uuid`,
  "an appeal": (report) => openAppeal(report),
  "the appeal's status and question, without an event or updated_at": async (report) => {
    const appeal = await openAppeal(report);
    const before = await versionOf(report.link);
    await getDb()
      .$executeRaw`UPDATE appeal SET status = 'NEEDS_INFO', info_request = 'Which list?' WHERE id = ${appeal.id}::uuid`;
    return before;
  },
  "a message on the appeal": async (report) => {
    const appeal = await openAppeal(report);
    const before = await versionOf(report.link);
    await getDb().appealMessage.create({
      data: { appealId: appeal.id, accountId: report.accountId, author: "STAFF", body: "Which list?" },
    });
    return before;
  },
  "a case opened, then closed": async ({ block, accountId, link }) => {
    const kase = await getDb().complianceCase.create({
      data: {
        blockId: block.id,
        accountId,
        reference: `C-${randomBytes(4).toString("hex")}`,
        bundle: {},
        bundleDigest: "d".repeat(64),
      },
    });
    const opened = await versionOf(link);
    await getDb().complianceCase.update({ where: { id: kase.id }, data: { status: "CLOSED", closedAt: new Date() } });
    return opened;
  },
  "a staff reply on a case": async ({ block, accountId, link }) => {
    const kase = await openCase(block.id, accountId);
    const before = await versionOf(link);
    await getDb().caseMessage.create({
      data: { caseId: kase.id, accountId, author: "STAFF", authorId: (await staffUser()).id, note: "We replied." },
    });
    return before;
  },
  "an earlier review request, not the latest": async (report) => {
    const earlier = await openAppeal(report);
    await getDb().appeal.update({
      where: { id: earlier.id },
      data: {
        status: "DENIED",
        decisionReason: "Still sending.",
        decidedById: (await staffUser()).id,
        decidedAt: new Date(),
      },
    });
    await openAppeal(report);
    const before = await versionOf(report.link);
    await getDb().$executeRaw`UPDATE appeal SET decision_reason = 'Typo fixed.' WHERE id = ${earlier.id}::uuid`;
    return before;
  },
  "a question on an earlier review request": async (report) => {
    const earlier = await openAppeal(report);
    await getDb().appeal.update({
      where: { id: earlier.id },
      data: {
        status: "DENIED",
        decisionReason: "Still sending.",
        decidedById: (await staffUser()).id,
        decidedAt: new Date(),
      },
    });
    await openAppeal(report);
    const before = await versionOf(report.link);
    await getDb().appealMessage.create({
      data: { appealId: earlier.id, accountId: report.accountId, author: "STAFF", body: "Late question." },
    });
    return before;
  },
  "the SMTP user's name": ({ smtpUser }) =>
    getDb().smtpUser.update({
      where: { id: smtpUser.id },
      data: { username: `renamed-${randomBytes(3).toString("hex")}` },
    }),
};

describe("getReportVersion", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(Object.keys(CHANGES))("changes with %s", async (change) => {
    const report = await newReport();
    const before = await versionOf(report.link);
    expect(await versionOf(report.link)).toBe(before);
    // A change that needs a setup step returns the version between setup and change.
    const justBefore = await CHANGES[change]!(report);
    expect(await versionOf(report.link)).not.toBe(typeof justBefore === "string" ? justBefore : before);
  });

  it("does not change with an internal note on a case, which the page never shows", async () => {
    const report = await newReport();
    const kase = await openCase(report.block.id, report.accountId);
    const before = await versionOf(report.link);
    await getDb().caseMessage.create({
      data: {
        caseId: kase.id,
        accountId: report.accountId,
        author: "STAFF",
        authorId: (await staffUser()).id,
        note: "Internal.",
        internal: true,
      },
    });
    expect(await versionOf(report.link)).toBe(before);
  });

  it("changes with the clock bucket of the review-time statistics the page shows", async () => {
    const { link } = await newReport();
    const now = new Date();
    const same = await getReportVersion(link, now);
    const later = await getReportVersion(link, new Date(now.getTime() + REVIEW_TIMES_BUCKET_MS));
    expect(same).toMatchObject({ outcome: "found" });
    expect(later).toMatchObject({ outcome: "found" });
    expect((later as { version: string }).version).not.toBe((same as { version: string }).version);
  });

  it("does not change when another report changes", async () => {
    const report = await newReport();
    const other = await newReport();
    const before = await versionOf(report.link);
    await CHANGES["an event"]!(other);
    await CHANGES["an appeal"]!(other);
    expect(await versionOf(report.link)).toBe(before);
  });

  it("answers a wrong secret, an unknown id and a retired secret like the link check, in one statement", async () => {
    const { block, link, accountId } = await newReport();
    await versionOf(link); // connects the pool first: connecting is not a round trip we count
    const spy = vi.spyOn(pg.Client.prototype, "query");
    expect(await getReportVersion({ ...link, secret: randomBytes(32).toString("base64url") })).toEqual<ReportVersion>({
      outcome: "not_found",
    });
    expect(await getReportVersion({ ...link, publicId: "ffffffffffffffffffff" })).toEqual<ReportVersion>({
      outcome: "not_found",
    });
    const retired = randomBytes(32).toString("base64url");
    spy.mockRestore();
    await getDb().retiredSecret.create({ data: { secretDigest: digestSecret(retired), blockId: block.id, accountId } });
    const counting = vi.spyOn(pg.Client.prototype, "query");
    expect(await getReportVersion({ ...link, secret: retired })).toEqual<ReportVersion>({ outcome: "gone" });
    expect(await getReportVersion(link)).toMatchObject({ outcome: "found" });
    expect(counting).toHaveBeenCalledTimes(2);
    expect(await getReportVersion({ publicId: "nope", secret: "nope" })).toEqual<ReportVersion>({
      outcome: "not_found",
    });
    expect(counting).toHaveBeenCalledTimes(2);
  });

  describe("when the page next changes by the clock alone", () => {
    let report: Report;
    beforeEach(async () => {
      report = await newReport();
    });

    it("at the block's expiry while it is ahead, never once it has passed", async () => {
      const expiresAt = new Date(Date.now() + 3 * HOUR);
      await getDb().block.update({ where: { id: report.block.id }, data: { expiresAt } });
      expect(await getReportVersion(report.link)).toMatchObject({ changesAt: expiresAt });
      expect(await getReportVersion(report.link, new Date(expiresAt.getTime() + 1))).toMatchObject({ changesAt: null });
    });

    it("when a declined review's cooldown ends", async () => {
      const staff = await getDb().user.create({
        data: { email: `r-${randomBytes(4).toString("hex")}@example.net`, name: "R", passwordHash: "x", role: "STAFF" },
      });
      const decidedAt = new Date(Date.now() - HOUR);
      const appeal = await openAppeal(report);
      await getDb().appeal.update({
        where: { id: appeal.id },
        data: { status: "DENIED", decisionReason: "Still sending.", decidedById: staff.id, decidedAt },
      });
      expect(await getReportVersion(report.link)).toMatchObject({
        changesAt: new Date(decidedAt.getTime() + env.APPEAL_COOLDOWN_HOURS * HOUR),
      });
    });

    it("never, for a block that lasts until reviewed", async () => {
      expect(await getReportVersion(report.link)).toMatchObject({ changesAt: null });
    });
  });
});
