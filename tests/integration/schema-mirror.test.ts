import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import * as enums from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";

// schema.prisma mirrors the SQL migrations (the source of truth). These checks use public
// Prisma APIs only: a model field the database lacks fails findFirst (Prisma selects every
// scalar it knows); a NOT NULL column schema.prisma lacks fails the insert; enums are
// compared value by value with pg_enum.

const digest = () => new Uint8Array(createHash("sha256").update(randomBytes(16)).digest());
const snake = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();

async function insertOneOfEach() {
  const db = getDb();
  const account = await db.account.create({ data: { name: "Mirror", planName: "Basic", limitPerMinute: 60 } });
  const smtpUser = await db.smtpUser.create({
    data: { accountId: account.id, username: "mirror", externalId: "ext-1" },
  });
  const block = await db.block.create({
    data: {
      publicId: randomBytes(10).toString("hex"),
      secretDigest: digest(),
      accountId: account.id,
      smtpUserId: smtpUser.id,
      reason: "SPAM",
      spamScore: 80,
      abuseScore: 1,
      rateScore: 1,
      combinedScore: 80,
      threshold: 70,
      smtpReply: "550 5.7.1 [SPAM] Sender blocked.",
    },
  });
  const staff = await db.user.create({
    data: { email: `staff-${block.publicId}@example.net`, name: "S", passwordHash: "x", role: "STAFF" },
  });
  const appeal = await db.appeal.create({
    data: {
      reference: `A-${block.publicId}`,
      blockId: block.id,
      accountId: account.id,
      contactEmail: "a@example.org",
      explanation: "We removed the purchased list entirely.",
      trafficStopped: true,
    },
  });
  const kase = await db.complianceCase.create({
    data: {
      reference: `C-${block.publicId}`,
      blockId: block.id,
      accountId: account.id,
      bundle: {},
      bundleDigest: "0".repeat(64),
    },
  });
  const endpoint = await db.webhookEndpoint.create({
    data: { url: "http://127.0.0.1:9/hook", secret: "s", events: ["block.lifted"] },
  });
  const apiKey = await db.apiKey.create({ data: { name: "k", prefix: "br_", keyDigest: digest() } });
  const rows: Record<Prisma.ModelName, () => Promise<unknown>> = {
    Account: async () => account,
    SmtpUser: async () => smtpUser,
    Block: async () => block,
    User: async () => staff,
    Appeal: async () => appeal,
    ComplianceCase: async () => kase,
    WebhookEndpoint: async () => endpoint,
    ApiKey: async () => apiKey,
    RetiredSecret: () =>
      db.retiredSecret.create({ data: { secretDigest: digest(), blockId: block.id, accountId: account.id } }),
    Evidence: () =>
      db.evidence.create({
        data: {
          blockId: block.id,
          accountId: account.id,
          kind: "evasion",
          observedFrom: new Date(),
          observedTo: new Date(),
          data: { kind: "evasion" },
        },
      }),
    AppealMessage: () =>
      db.appealMessage.create({ data: { appealId: appeal.id, accountId: account.id, author: "SENDER", body: "hi" } }),
    CaseMessage: () => db.caseMessage.create({ data: { caseId: kase.id, accountId: account.id, note: "n" } }),
    Event: () =>
      db.event.create({ data: { blockId: block.id, accountId: account.id, type: "CREATED", actorType: "RELAY" } }),
    WebhookDelivery: () =>
      db.webhookDelivery.create({
        data: { endpointId: endpoint.id, eventType: "block.lifted", payload: {}, attempt: 1 },
      }),
    OutboxMessage: () => db.outboxMessage.create({ data: { topic: "t", payload: {} } }),
    StaffAudit: () =>
      db.staffAudit.create({
        data: { actorId: staff.id, actorEmail: staff.email, action: "CLAIM", target: appeal.reference },
      }),
    OneTimeLink: () =>
      db.oneTimeLink.create({
        data: { purpose: "PASSWORD_RESET", userId: staff.id, tokenDigest: digest(), expiresAt: new Date() },
      }),
    NotificationRecipient: () =>
      db.notificationRecipient.create({
        data: {
          accountId: account.id,
          email: "n@example.org",
          events: ["created"],
          unsubscribeToken: `u-${block.publicId}`,
        },
      }),
    NotificationSuppression: () =>
      db.notificationSuppression.create({
        data: {
          accountId: account.id,
          email: "gone@example.org",
          events: ["created"],
          unsubscribeToken: `s-${block.publicId}`,
        },
      }),
    NotificationCursor: () => db.notificationCursor.create({ data: { name: `c-${block.publicId}`, lastEventId: 0n } }),
    // Written by the triggers on block when the block above was inserted.
    BlockDailyCount: () => db.blockDailyCount.findFirstOrThrow({ where: { accountId: account.id } }),
    BlockAccountWeeklyCount: () => db.blockAccountWeeklyCount.findFirstOrThrow({ where: { accountId: account.id } }),
    RateLimit: () => db.rateLimit.create({ data: { key: `k-${block.publicId}`, windowStart: new Date(), count: 1 } }),
    DecisionTemplate: () =>
      db.decisionTemplate.create({
        data: {
          title: `Template ${block.publicId}`,
          decision: "deny",
          reason: "SPAM",
          body: "Complaints are still too high.",
        },
      }),
    IdempotencyRecord: () =>
      db.idempotencyRecord.create({
        data: { apiKeyId: apiKey.id, key: "k", requestDigest: "0".repeat(64), statusCode: 201, response: {} },
      }),
  };
  return rows;
}

describe("schema.prisma mirrors the SQL migrations", () => {
  it("inserts one row through every model", async () => {
    const rows = await insertOneOfEach();
    for (const model of Object.values(Prisma.ModelName)) {
      await expect(rows[model](), model).resolves.toBeTruthy();
    }
  });

  it("reads every scalar column of every model", async () => {
    const db = getDb() as unknown as Record<string, { findFirst: () => Promise<unknown> }>;
    for (const model of Object.values(Prisma.ModelName)) {
      const delegate = db[model.charAt(0).toLowerCase() + model.slice(1)];
      expect(delegate, model).toBeDefined();
      await delegate!.findFirst();
    }
  });

  it("has a model for every table", async () => {
    const tables = await getDb().$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name <> 'pgmigrations'`;
    expect(tables.length).toBe(Object.values(Prisma.ModelName).length);
  });

  it("has the same enum values as pg_enum", async () => {
    const rows = await getDb().$queryRaw<{ typname: string; labels: string[] }[]>`
      SELECT t.typname::text AS typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t
      JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
      GROUP BY t.typname`;
    const inDatabase = Object.fromEntries(rows.map((row) => [row.typname, row.labels]));
    const inPrisma = Object.fromEntries(
      Object.entries(enums).map(([name, values]) => [snake(name), Object.values(values as object)]),
    );
    expect(inPrisma).toEqual(inDatabase);
  });
});
