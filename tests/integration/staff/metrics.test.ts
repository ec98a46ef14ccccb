import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { reviewTimeStats } from "@/lib/data/appeals";
import { getStaffMetrics } from "@/lib/data/staff";
import { getDb } from "@/lib/db/client";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";
import { createUser } from "./staff-support";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Every test works in its own stretch of the far future, where no other test writes, so
// exact numbers can be asserted on the shared database.
let decider: string;
beforeAll(async () => {
  decider = (await createUser("STAFF")).id;
});

const epoch = () =>
  new Date(Date.UTC(2200 + Math.floor(Math.random() * 700), 0, 1) + Math.floor(Math.random() * 300) * DAY);

async function appealAt(
  createdAt: Date,
  answers: {
    type: "APPEAL_DECIDED" | "APPEAL_INFO_REQUESTED";
    at: Date;
    decision?: "APPROVED" | "DENIED";
    by?: string;
  }[] = [],
) {
  const account = await createAccount();
  const smtpUser = await createSmtpUser(account.id);
  const { block } = await createBlock({ accountId: account.id, smtpUserId: smtpUser.id, status: "UNDER_REVIEW" });
  const last = answers.at(-1);
  const reference = `A-${randomBytes(5).toString("hex")}`;
  const appeal = await getDb().appeal.create({
    data: {
      reference,
      blockId: block.id,
      accountId: account.id,
      contactEmail: "ops@example.org",
      explanation: "We removed the list.",
      trafficStopped: true,
      status: last?.decision ?? (last ? "NEEDS_INFO" : "OPEN"),
      decidedAt: last?.decision ? last.at : null,
      decidedById: last?.decision ? (last.by ?? decider) : null,
      decisionReason: last?.decision ? "r" : null,
      createdAt,
      updatedAt: last?.at ?? createdAt,
      firstResponseAt: answers[0]?.at ?? null,
    },
  });
  for (const answer of answers) {
    await getDb().event.create({
      data: {
        blockId: block.id,
        accountId: account.id,
        type: answer.type,
        actorType: "STAFF",
        actorId: answer.by ?? null,
        createdAt: answer.at,
        data: answer.decision
          ? { appealReference: reference, decision: answer.decision, reason: "r" }
          : { appealReference: reference },
      },
    });
  }
  return { appeal, block };
}

describe("reviewTimeStats", () => {
  it("gives the median and 90th percentile of the wait for the first answer, counting only answers since `since`", async () => {
    const since = epoch();
    // Ten requests answered 1 h … 10 h after they came in.
    for (let hours = 1; hours <= 10; hours += 1) {
      const at = new Date(since.getTime() + DAY + hours * 7 * HOUR);
      await appealAt(at, [{ type: "APPEAL_DECIDED", at: new Date(at.getTime() + hours * HOUR), decision: "APPROVED" }]);
    }
    // A question counts as the first answer; the decision after it does not.
    const asked = new Date(since.getTime() + 3 * DAY);
    await appealAt(asked, [
      { type: "APPEAL_INFO_REQUESTED", at: new Date(asked.getTime() + 5.5 * HOUR) },
      { type: "APPEAL_DECIDED", at: new Date(asked.getTime() + 90 * HOUR), decision: "DENIED" },
    ]);
    // First answered before `since` (decided after it): not counted.
    await appealAt(new Date(since.getTime() - 2 * DAY), [
      { type: "APPEAL_INFO_REQUESTED", at: new Date(since.getTime() - DAY) },
      { type: "APPEAL_DECIDED", at: new Date(since.getTime() + DAY), decision: "APPROVED" },
    ]);
    // Not answered yet: not counted.
    await appealAt(new Date(since.getTime() + DAY));

    const stats = await reviewTimeStats({ since, until: new Date(since.getTime() + 30 * DAY) });
    expect(stats.count).toBe(11);
    // Waits 1, 2, 3, 4, 5, 5.5, 6, 7, 8, 9, 10 h: the middle one is 5.5 h; the 90th
    // percentile sits at position 0.9 × (11 − 1) = 9 from the first, exactly on 9 h.
    expect(stats.medianSeconds).toBeCloseTo(5.5 * 3600, 3);
    expect(stats.p90Seconds).toBeCloseTo(9 * 3600, 3);
  });

  it("leaves out answers after `until`", async () => {
    const since = epoch();
    const at = new Date(since.getTime() + DAY);
    await appealAt(at, [{ type: "APPEAL_DECIDED", at: new Date(at.getTime() + 2 * HOUR), decision: "APPROVED" }]);
    await expect(reviewTimeStats({ since, until: new Date(at.getTime() + HOUR) })).resolves.toMatchObject({ count: 0 });
    await expect(reviewTimeStats({ since, until: new Date(at.getTime() + 3 * HOUR) })).resolves.toEqual({
      count: 1,
      medianSeconds: 7200,
      p90Seconds: 7200,
    });
  });

  it("says null rather than zero when nothing was answered", async () => {
    await expect(reviewTimeStats({ since: new Date(Date.UTC(3000, 0, 1)) })).resolves.toEqual({
      count: 0,
      medianSeconds: null,
      p90Seconds: null,
    });
  });
});

describe("getStaffMetrics", () => {
  let staff: { id: string; name: string };
  let admin: { id: string; name: string };
  beforeAll(async () => {
    staff = await createUser("STAFF");
    admin = await createUser("ADMIN");
  });

  it("is for staff only", async () => {
    const owner = await createUser("OWNER");
    await expect(getStaffMetrics({ staffId: owner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getStaffMetrics({ staffId: "not-a-uuid" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("counts requests per day, outcomes and decisions per reviewer over the last 30 days", async () => {
    const now = new Date(epoch().getTime() + 12 * HOUR);
    const daysAgo = (days: number, hours = 0) => new Date(now.getTime() - days * DAY + hours * HOUR);
    await appealAt(daysAgo(40)); // before the window
    await appealAt(daysAgo(29), [{ type: "APPEAL_DECIDED", at: daysAgo(28), decision: "APPROVED", by: staff.id }]);
    await appealAt(daysAgo(2), [{ type: "APPEAL_DECIDED", at: daysAgo(1), decision: "DENIED", by: staff.id }]);
    await appealAt(daysAgo(2, 1), [
      { type: "APPEAL_INFO_REQUESTED", at: daysAgo(1), by: admin.id },
      { type: "APPEAL_DECIDED", at: daysAgo(0, -1), decision: "APPROVED", by: admin.id },
    ]);
    await appealAt(daysAgo(0, -2));

    const metrics = await getStaffMetrics({ staffId: staff.id, now });
    expect(metrics.requestsPerDay).toHaveLength(30);
    expect(metrics.requestsPerDay.at(-1)!.day).toBe(now.toISOString().slice(0, 10));
    const byDay = Object.fromEntries(metrics.requestsPerDay.filter((d) => d.count > 0).map((d) => [d.day, d.count]));
    expect(byDay).toEqual({
      [daysAgo(29).toISOString().slice(0, 10)]: 1,
      [daysAgo(2).toISOString().slice(0, 10)]: 2,
      [daysAgo(0).toISOString().slice(0, 10)]: 1,
    });
    expect(metrics.outcomes).toEqual({ approved: 2, declined: 1 });
    expect(metrics.reviewTime).toMatchObject({ count: 3 });
    // Nothing after `now` counts: a request answered tomorrow is not in today's numbers.
    await appealAt(daysAgo(0, 1), [{ type: "APPEAL_DECIDED", at: daysAgo(-1), decision: "APPROVED", by: staff.id }]);
    expect((await getStaffMetrics({ staffId: staff.id, now })).outcomes).toEqual({ approved: 2, declined: 1 });
    expect(metrics.perReviewer).toEqual(
      [
        { name: staff.name, approved: 1, declined: 1, asked: 0, total: 2 },
        { name: admin.name, approved: 1, declined: 0, asked: 1, total: 2 },
      ].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    );
  });

  it("names the oldest open request and case", async () => {
    const { appeal, block } = await appealAt(new Date(Date.UTC(1990, 0, 1)));
    const metrics = await getStaffMetrics({ staffId: admin.id });
    expect(metrics.oldestOpen.request).toEqual({
      reference: appeal.reference,
      publicId: block.publicId,
      since: "1990-01-01T00:00:00.000Z",
    });
    await getDb().appeal.update({
      where: { id: appeal.id },
      data: { status: "DENIED", decisionReason: "r", decidedById: admin.id, decidedAt: new Date() },
    });
    const after = await getStaffMetrics({ staffId: admin.id });
    expect(after.oldestOpen.request?.reference).not.toBe(appeal.reference);
  });
});
