import bcrypt from "bcryptjs";
import { getDb } from "@/lib/db/client";
import { parseEvidence, type EvidenceItem } from "@/lib/evidence";
import type { Prisma } from "@/lib/generated/prisma/client";
import { digestSecret, sealSecret, smtpReplyFor } from "@/lib/report-link";
import { reportLinkKey } from "@/lib/report-link/link-key";
import { DEMO_ACCOUNTS, DEMO_BLOCKS, DEMO_LOGINS, DEMO_SMTP_USERS, demoSecret, type DemoBlock } from "./demo-content";
import { abuseEvidence, forgedHeaderEvidence, listBombingEvidence, rateEvidence, spamEvidence } from "./demo-evidence";
import { DEMO_LIFTED_AFTER_HOURS, demoHistory } from "./demo-history";
import { seedDemoTemplates } from "./demo-templates";

const HOUR = 3_600_000;

function evidenceFor(block: DemoBlock, end: number, limitPerMinute: number): EvidenceItem[] {
  switch (block.key) {
    case "abuse-active":
      return abuseEvidence(end);
    case "spam-review":
      return spamEvidence(end, true);
    case "rate-expired":
      return rateEvidence(end, limitPerMinute);
    case "combined-lifted":
      return [
        ...listBombingEvidence(end),
        ...spamEvidence(end, false).slice(0, 1),
        ...rateEvidence(end, limitPerMinute),
      ];
    default:
      return [...spamEvidence(end, false).slice(0, 2), ...forgedHeaderEvidence(end)];
  }
}

async function seedDirectory(tx: Prisma.TransactionClient) {
  for (const account of DEMO_ACCOUNTS) {
    await tx.account.upsert({ where: { id: account.id }, update: {}, create: { ...account } });
  }
  for (const user of DEMO_SMTP_USERS) {
    await tx.smtpUser.upsert({ where: { id: user.id }, update: {}, create: { ...user } });
  }
  for (const login of DEMO_LOGINS) {
    const existing = await tx.user.findFirst({ where: { email: login.email } });
    if (existing) continue;
    await tx.user.create({
      data: {
        email: login.email,
        name: login.name,
        role: login.role,
        accountId: login.accountId,
        passwordHash: await bcrypt.hash(login.password, 10),
      },
    });
  }
}

async function seedBlock(tx: Prisma.TransactionClient, demo: DemoBlock, now: number, staffId: string) {
  const smtpUser = DEMO_SMTP_USERS[demo.smtpUserIndex]!;
  const account = DEMO_ACCOUNTS.find((a) => a.id === smtpUser.accountId)!;
  const createdAt = new Date(now - demo.createdHoursAgo * HOUR);
  const ended = demo.status === "LIFTED" || demo.status === "EXPIRED";
  const parsed = parseEvidence(evidenceFor(demo, createdAt.getTime(), account.limitPerMinute));
  if (!parsed.success) throw new Error(`demo evidence for ${demo.key} is invalid: ${parsed.error.message}`);
  const expiresAt = demo.expiresInHours === null ? null : new Date(now + demo.expiresInHours * HOUR);
  const block = await tx.block.create({
    data: {
      publicId: demo.publicId,
      secretDigest: digestSecret(demoSecret(demo.publicId)),
      secretSealed: sealSecret(reportLinkKey(), demo.publicId, demoSecret(demo.publicId)),
      accountId: account.id,
      smtpUserId: smtpUser.id,
      senderAddress: demo.senderAddress,
      reason: demo.reason,
      spamScore: demo.scores.spam,
      abuseScore: demo.scores.abuse,
      rateScore: demo.scores.rate,
      combinedScore: demo.scores.combined,
      threshold: demo.scores.threshold,
      status: demo.status,
      escalationLevel: demo.escalationLevel,
      attemptCount: (demo.escalationLevel - 1) * 25,
      expiresAt,
      smtpReply: smtpReplyFor(demo.reason),
      liftReason:
        demo.status === "LIFTED" ? "List cleaned and double opt-in added; complaint rate back under 0.1 %." : null,
      // Lifted when its history says (demo-history.ts), so the header and the timeline agree.
      endedAt:
        demo.status === "LIFTED"
          ? new Date(createdAt.getTime() + DEMO_LIFTED_AFTER_HOURS * HOUR)
          : ended
            ? (expiresAt ?? new Date(now - 2 * HOUR))
            : null,
      createdAt,
      updatedAt: createdAt,
    },
  });
  await tx.evidence.createMany({
    data: parsed.data.map((item) => ({
      blockId: block.id,
      accountId: account.id,
      kind: item.kind,
      observedFrom: new Date(item.window.from),
      observedTo: new Date(item.window.to),
      data: item as Prisma.InputJsonValue,
      createdAt,
    })),
  });
  await demoHistory(tx, { demo, block, staffId, now });
  // With the review request they are offered on, once (demo-templates.ts).
  if (demo.key === "spam-review") await seedDemoTemplates(tx, new Date(now));
}

/** Writes the demo accounts, logins and reports that do not exist yet; returns how many reports it created. */
export async function seedDemoData(now = Date.now()): Promise<number> {
  const db = getDb();
  await db.$transaction((tx) => seedDirectory(tx), { timeout: 60_000 });
  const staff = await db.user.findFirstOrThrow({ where: { email: DEMO_LOGINS[0].email } });
  let created = 0;
  for (const demo of DEMO_BLOCKS) {
    // A demo report seeded before secrets were kept sealed gets its (fixed) secret sealed
    // now, so the server can say its link again; the link itself stays the same.
    const secret = demoSecret(demo.publicId);
    const sealed = await db.block.updateMany({
      where: { publicId: demo.publicId, secretDigest: digestSecret(secret), secretSealed: null },
      data: { secretSealed: sealSecret(reportLinkKey(), demo.publicId, secret) },
    });
    if (sealed.count > 0 || (await db.block.findUnique({ where: { publicId: demo.publicId }, select: { id: true } })))
      continue;
    await db.$transaction((tx) => seedBlock(tx, demo, now, staff.id), { timeout: 60_000 });
    created += 1;
  }
  return created;
}
