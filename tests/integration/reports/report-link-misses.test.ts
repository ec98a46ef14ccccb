import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { recordReportLinkMiss, REPORT_LINK_MISS_LIMIT } from "@/lib/reports/data/report-link-access";
import { PrismaClient } from "@/lib/generated/prisma/client";

/*
 * Two app instances share nothing but Postgres. Each "instance" here is its own Prisma
 * client with its own connection pool; the data layer is pointed at one or the other for
 * each call, as a second process would be.
 */
const slot = globalThis as unknown as { blockReportsDb?: PrismaClient };

describe("wrong-secret rate limit across app instances", () => {
  let instanceA: PrismaClient;
  let instanceB: PrismaClient;

  beforeAll(() => {
    instanceA = getDb();
    // A distinct application_name lets the test see instance B's own connections in Postgres.
    instanceB = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: process.env.DATABASE_URL!,
        max: 2,
        application_name: "report-test-instance-b",
      }),
    });
  });
  afterAll(async () => {
    slot.blockReportsDb = instanceA;
    await instanceB.$disconnect();
  });

  function missOn(instance: PrismaClient, client: string) {
    slot.blockReportsDb = instance;
    try {
      return recordReportLinkMiss(client); // takes its client synchronously, before awaiting
    } finally {
      slot.blockReportsDb = instanceA;
    }
  }

  it("counts misses from both instances against one limit, per client", async () => {
    const client = `203.0.113.${randomBytes(1)[0]}-${randomBytes(4).toString("hex")}`;
    const verdicts = [];
    for (let i = 0; i < REPORT_LINK_MISS_LIMIT; i++)
      verdicts.push(await missOn(i % 2 === 0 ? instanceA : instanceB, client));
    expect(verdicts.every((v) => !v.limited)).toBe(true);

    const overA = await missOn(instanceA, client);
    const overB = await missOn(instanceB, client);
    expect(overA.limited).toBe(true);
    expect(overB.limited).toBe(true);
    expect(overB.retryAfterSeconds).toBeGreaterThan(0);
    expect(overB.retryAfterSeconds).toBeLessThanOrEqual(600);

    expect((await missOn(instanceB, `${client}-other`)).limited).toBe(false);
    const [b] = await getDb().$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'report-test-instance-b'`;
    expect(b?.n).toBeGreaterThan(0);
  });

  it("counts concurrent misses from both instances exactly", async () => {
    const client = `198.51.100.${randomBytes(4).toString("hex")}`;
    await Promise.all(Array.from({ length: 10 }, (_, i) => missOn(i % 2 ? instanceA : instanceB, client)));
    const row = await getDb().rateLimit.findUniqueOrThrow({ where: { key: `report-link-miss:${client}` } });
    expect(row.count).toBe(10);
  });
});
