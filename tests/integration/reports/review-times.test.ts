import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getReviewTimes } from "@/lib/reports/data/review-times";
import { decideAppeal, listReviewQueue } from "@/lib/data/staff";
import { replyToInfoRequest } from "@/lib/data/appeals";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { REVIEW_TIMES_BUCKET_MS, REVIEW_TIMES_MIN_DECISIONS } from "@/lib/reports/review-timeline";
import { blockWithLink, freshClient } from "../sender-actions/support";
import { blockWithOpenAppeal, createUser } from "../staff/staff-support";
import { parseQueueParams } from "@/lib/staff/queue-filters";

const HOUR = 3_600_000;
// A clock far ahead of every other test's rows, so the 30-day window holds only these.
const FUTURE = Date.UTC(2031, 0, 15, 12, 0, 0);

let staffId: string;
beforeAll(async () => {
  staffId = (await createUser("STAFF")).id;
});

/** A request submitted at `submitted` whose first decision came `hours` later. */
async function decidedAfter(submitted: number, hours: number) {
  const { block } = await blockWithLink();
  await getDb().appeal.create({
    data: {
      reference: `A-${randomBytes(4).toString("hex")}`,
      blockId: block.id,
      accountId: block.accountId,
      contactEmail: "ops@example.org",
      explanation: "We stopped the campaign and removed the list.",
      trafficStopped: true,
      status: "NEEDS_INFO",
      infoRequest: "Which list?",
      createdAt: new Date(submitted),
      updatedAt: new Date(submitted),
      firstResponseAt: new Date(submitted + hours * HOUR),
    },
  });
}

describe("review times", () => {
  it("use the configured fallback while too few requests were decided, then the measured median and 90th percentile", async () => {
    const bucketStart = Math.floor(FUTURE / REVIEW_TIMES_BUCKET_MS) * REVIEW_TIMES_BUCKET_MS;
    const base = bucketStart - 5 * 24 * HOUR;
    for (let i = 1; i < REVIEW_TIMES_MIN_DECISIONS; i += 1) await decidedAfter(base, i);
    expect(await getReviewTimes(new Date(FUTURE))).toEqual({
      medianHours: env.REVIEW_FALLBACK_MEDIAN_HOURS,
      p90Hours: env.REVIEW_FALLBACK_P90_HOURS,
      decisions: REVIEW_TIMES_MIN_DECISIONS - 1,
      windowDays: 30,
      measured: false,
    });
    await decidedAfter(base, 10); // 1 … 10 hours
    // A decision inside the current bucket counts from the next bucket on: every render in a bucket agrees.
    await decidedAfter(bucketStart, 0.05);
    // Outside the 30-day window: not counted.
    await decidedAfter(bucketStart - 40 * 24 * HOUR, 100);
    const sameBucket = await getReviewTimes(new Date(FUTURE));
    expect(sameBucket.measured).toBe(false); // measured once per bucket
    const next = await getReviewTimes(new Date(FUTURE + REVIEW_TIMES_BUCKET_MS));
    expect(next).toMatchObject({ decisions: 11, measured: true, windowDays: 30 });
    // percentile_cont over 0.05, 1, 2 … 10 hours
    expect(next.medianHours).toBeCloseTo(5, 5);
    expect(next.p90Hours).toBeCloseTo(9, 5);
  });

  it("record the first decision or question on the request, and keep it", async () => {
    const { reference } = await blockWithOpenAppeal("RATE");
    await decideAppeal({ staffId, reference, fields: { decision: "ask", text: "Which batch size will you use?" } });
    const asked = await getDb().appeal.findUniqueOrThrow({ where: { reference } });
    expect(asked.firstResponseAt).not.toBeNull();
    await decideAppeal({
      staffId,
      reference,
      fields: { decision: "approve", text: "Batching confirmed; lifting the block." },
    });
    const decided = await getDb().appeal.findUniqueOrThrow({ where: { reference } });
    expect(decided.firstResponseAt).toEqual(asked.firstResponseAt);
  });
});

describe("the review queue", () => {
  it("returns an answered request to its original place, not to the back", async () => {
    const first = await blockWithOpenAppeal();
    const second = await blockWithOpenAppeal();
    await decideAppeal({
      staffId,
      reference: first.reference,
      fields: { decision: "ask", text: "Where did the list come from?" },
    });
    await replyToInfoRequest({
      link: first.link,
      fields: { body: "From our shop's checkout opt-in." },
      client: freshClient(),
    });
    // The shared test database holds many open requests: look at these two alone (their accounts' names).
    const tag = `Queue order ${randomUUID().slice(0, 8)}`;
    await getDb().account.updateMany({
      where: { id: { in: [first.block.accountId, second.block.accountId] } },
      data: { name: tag },
    });
    const order = (await listReviewQueue({ staffId, filters: parseQueueParams({ q: tag }).filters })).toDecide.map(
      (a) => a.reference,
    );
    expect(order.indexOf(first.reference)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(first.reference)).toBeLessThan(order.indexOf(second.reference));
  });
});
