import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import type { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";

/*
 * Rows in the e2e app's own database. The browser tests make fresh blocks instead of
 * using the demo reports, so they change nothing other tests look at. lib/env reads
 * DATABASE_URL once, on import, hence the dynamic imports after it is set.
 */
async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

export async function createReport(options: { reason?: BlockReason; status?: BlockStatus } = {}) {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  const { createAccount, createSmtpUser, createBlock } = await import("@/tests/support/factories");
  const account = await createAccount();
  const smtpUser = await createSmtpUser(account.id, `e2e-${randomBytes(3).toString("hex")}`);
  const { block, secret } = await createBlock({
    accountId: account.id,
    smtpUserId: smtpUser.id,
    reason: options.reason,
    status: options.status,
  });
  const db = await appDb();
  await db.event.create({
    data: {
      blockId: block.id,
      accountId: account.id,
      type: "CREATED",
      actorType: "RELAY",
      data: { reason: block.reason, level: 1 },
    },
  });
  return { block, path: `/?${new URLSearchParams({ id: block.publicId, auth: secret })}` };
}

/** What the actions stored for a block: appeals, case messages, and mail jobs in the outbox. */
export async function storedFor(blockId: string, publicId: string) {
  const db = await appDb();
  const appeals = await db.appeal.findMany({ where: { blockId }, include: { messages: true } });
  const cases = await db.complianceCase.findMany({ where: { blockId }, include: { messages: true } });
  const mails = await db.outboxMessage.findMany({
    where: { topic: "mail.send", payload: { path: ["data", "publicId"], equals: publicId } },
    orderBy: { id: "asc" },
  });
  const block = await db.block.findUniqueOrThrow({ where: { id: blockId } });
  const mailJobs = mails.map((m) => m.payload as { template: string; to: string; data: Record<string, unknown> });
  return { appeals, cases, mails: mailJobs.map((m) => m.template).sort(), mailJobs, status: block.status };
}

/** A reviewer's question on the block's open appeal (the staff console's job). */
export async function askForInformation(blockId: string, question: string) {
  const db = await appDb();
  await db.appeal.updateMany({
    where: { blockId, status: "OPEN" },
    data: { status: "NEEDS_INFO", infoRequest: question },
  });
  const appeal = await db.appeal.findFirstOrThrow({ where: { blockId } });
  await db.appealMessage.create({
    data: { appealId: appeal.id, accountId: appeal.accountId, author: "STAFF", body: question },
  });
}

/** A staff login for what a reviewer does in these tests (it never signs in). */
const createReviewer = (db: Awaited<ReturnType<typeof appDb>>) =>
  db.user.create({
    data: {
      email: `e2e-${randomBytes(4).toString("hex")}@example.net`,
      name: "Reviewer",
      passwordHash: "x",
      role: "STAFF",
    },
  });

/** A decline `hoursAgo` hours ago, with the block back to ACTIVE. */
export async function declineAppeal(blockId: string, hoursAgo: number) {
  const db = await appDb();
  const staff = await createReviewer(db);
  await db.appeal.updateMany({
    where: { blockId },
    data: {
      status: "DENIED",
      decisionReason: "Complaints are still above the limit.",
      decidedById: staff.id,
      decidedAt: new Date(Date.now() - hoursAgo * 3_600_000),
    },
  });
  await db.block.update({ where: { id: blockId }, data: { status: "ACTIVE" } });
}

export { freshClientHeader } from "../../support/sign-in";

/** An open appeal on the block, as if the sender had requested a review earlier. */
export async function createOpenAppeal(block: { id: string; accountId: string }) {
  const db = await appDb();
  const reference = `A-${randomBytes(3)
    .toString("hex")
    .toUpperCase()
    .replace(/[^2-9A-HJKMNP-TV-Z]/g, "Z")}`;
  await db.appeal.create({
    data: {
      reference,
      blockId: block.id,
      accountId: block.accountId,
      contactEmail: "ops@example.org",
      trafficStopped: true,
      explanation: "We stopped the campaign and removed the imported list.",
      answers: { contentChanges: "Removed the shortener." },
    },
  });
  await db.block.update({ where: { id: block.id }, data: { status: "UNDER_REVIEW" } });
  return reference;
}

/** A "Report message" case on the report behind `path`, as if the sender had sent one. */
export async function createCase(path: string, note = "These samples are not ours.", contactEmail?: string) {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  const { reportMessage } = await import("@/lib/data/cases");
  const params = new URLSearchParams(path.slice(path.indexOf("?")));
  const link = { publicId: params.get("id")!, secret: params.get("auth")! };
  const { reference } = await reportMessage({
    link,
    fields: { note, contactEmail },
    client: `e2e-${randomBytes(4).toString("hex")}`,
  });
  return reference;
}

/** A staff member's reply on the case `reference` (the staff console's job), as the console sends it. */
export async function replyOnCase(reference: string, message: string) {
  const db = await appDb();
  const staff = await createReviewer(db);
  const { replyToCase } = await import("@/lib/data/staff");
  await replyToCase({ staffId: staff.id, reference, fields: { message } });
}
