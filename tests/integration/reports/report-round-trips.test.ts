import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { checkReportLink } from "@/lib/reports/data/report-link-access";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseEvidence } from "@/lib/evidence";
import { evidenceOfEveryKind } from "../../support/evidence-fixtures";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";

/*
 * Counts what really goes over the wire: every statement the pg driver sends, whichever
 * Prisma API issued it. A report view must stay at one statement however much it holds.
 */
function countQueries() {
  return vi.spyOn(pg.Client.prototype, "query");
}

describe("database round trips of a report view", () => {
  let link: { publicId: string; secret: string };

  beforeAll(async () => {
    const accountId = (await createAccount()).id;
    const { block, secret } = await createBlock({ accountId, smtpUserId: (await createSmtpUser(accountId)).id });
    link = { publicId: block.publicId, secret };
    const parsed = parseEvidence(evidenceOfEveryKind());
    if (!parsed.success) throw parsed.error;
    await getDb().evidence.createMany({
      data: parsed.data.map((item) => ({
        blockId: block.id,
        accountId,
        kind: item.kind,
        observedFrom: new Date(item.window.from),
        observedTo: new Date(item.window.to),
        data: item as Prisma.InputJsonValue,
      })),
    });
    await getDb().event.createMany({
      data: Array.from({ length: 5 }, () => ({
        blockId: block.id,
        accountId,
        type: "ESCALATED" as const,
        actorType: "RELAY" as const,
      })),
    });
    const appeal = await getDb().appeal.create({
      data: {
        blockId: block.id,
        accountId,
        reference: `A-RT${block.publicId.slice(0, 5)}`,
        contactEmail: "x@example.com",
        explanation: "Twenty characters at least, here.",
        trafficStopped: true,
      },
    });
    await getDb().appealMessage.create({ data: { appealId: appeal.id, accountId, author: "SENDER", body: "hello" } });
    await getDb().complianceCase.create({
      data: {
        blockId: block.id,
        accountId,
        reference: `C-RT${block.publicId.slice(0, 5)}`,
        bundle: {},
        bundleDigest: "d".repeat(64),
      },
    });
    await getReportByLink(link); // warm the pool: connecting is not a round trip we count
  });

  afterEach(() => vi.restoreAllMocks());

  it("loads block, SMTP user, all evidence kinds, events, appeal with messages and open case in one statement", async () => {
    const spy = countQueries();
    const report = await getReportByLink(link);
    expect(report.evidence).toHaveLength(9);
    expect(report.events).toHaveLength(5);
    expect(report.latestAppeal?.messages).toHaveLength(1);
    expect(report.openCase).not.toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("answers a wrong secret and a retired one in that same single statement", async () => {
    const spy = countQueries();
    await expect(getReportByLink({ ...link, secret: randomBytes(32).toString("base64url") })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("the routing check is one statement, and a malformed link costs none", async () => {
    const spy = countQueries();
    await checkReportLink(link);
    expect(spy).toHaveBeenCalledTimes(1);
    await checkReportLink({ publicId: "nope", secret: "nope" });
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
