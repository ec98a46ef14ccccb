import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { WORKER } from "@/lib/data/callers";
import { IDEMPOTENCY_TTL_HOURS, purgeIdempotencyRecords } from "@/lib/data/idempotency";
import {
  purgeRateLimits,
  RATE_LIMIT_COUNTER_RETENTION_HOURS,
  SUBMISSION_CLAIM_RETENTION_HOURS,
} from "@/lib/data/rate-limit";
import { createTestKey } from "./api/api-support";

const HOUR = 3_600_000;
const hoursAgo = (hours: number, now: Date) => new Date(now.getTime() - hours * HOUR);

async function rateLimitKeys(prefix: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<
    { key: string }[]
  >`SELECT key FROM rate_limit WHERE key LIKE ${`${prefix}%`} ORDER BY key`;
  return rows.map((row) => row.key);
}

describe("housekeeping jobs", () => {
  it("purges spent rate-limit counters and old form claims, and keeps what can still matter", async () => {
    const now = new Date();
    const tag = randomUUID().slice(0, 8);
    const rows: [string, Date][] = [
      [`${tag}:counter-current`, hoursAgo(0.5, now)],
      [`${tag}:counter-spent`, hoursAgo(RATE_LIMIT_COUNTER_RETENTION_HOURS + 1, now)],
      [`once:${tag}:claim-recent`, hoursAgo(RATE_LIMIT_COUNTER_RETENTION_HOURS + 1, now)],
      [`once:${tag}:claim-old`, hoursAgo(SUBMISSION_CLAIM_RETENTION_HOURS + 1, now)],
    ];
    for (const [key, windowStart] of rows) {
      await getDb().$executeRaw`INSERT INTO rate_limit (key, window_start, count) VALUES (${key}, ${windowStart}, 3)`;
    }

    expect(await purgeRateLimits(WORKER, now)).toBeGreaterThanOrEqual(2);
    expect(await rateLimitKeys(`${tag}:`)).toEqual([`${tag}:counter-current`]);
    expect(await rateLimitKeys(`once:${tag}:`)).toEqual([`once:${tag}:claim-recent`]);
    expect(await purgeRateLimits(WORKER, now)).toBe(0);
  });

  it("purges idempotency records past their TTL only", async () => {
    const now = new Date();
    const { id: apiKeyId } = await createTestKey("housekeeping");
    const record = (key: string, createdAt: Date) => ({
      apiKeyId,
      key,
      requestDigest: "0".repeat(64),
      statusCode: 201,
      response: {},
      createdAt,
    });
    await getDb().idempotencyRecord.createMany({
      data: [record("fresh", hoursAgo(1, now)), record("stale", hoursAgo(IDEMPOTENCY_TTL_HOURS + 1, now))],
    });

    expect(await purgeIdempotencyRecords(WORKER, now)).toBe(1);
    const left = await getDb().idempotencyRecord.findMany({ where: { apiKeyId }, select: { key: true } });
    expect(left.map((row) => row.key)).toEqual(["fresh"]);
  });
});
