import { afterEach, describe, expect, it, vi } from "vitest";
import { createOrExtendBlock, expireDueBlocks, liftBlock, recordAttempts, rotateReportLink } from "@/lib/data/blocks";
import { claimsOnReport, getSenderHistory, getStaffMetrics, liftBlockAsStaff, listReviewQueue } from "@/lib/data/staff";
import { getDb } from "@/lib/db/client";
import { getPool } from "@/lib/db/pools";
import { WORKER } from "@/lib/data/callers";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";
import { createUser } from "../staff/staff-support";
import { createTestKey, fiveEvidenceItems } from "../api/api-support";

/*
 * The relay's pool is for the relay's hot statements (lib/db/pools.ts). The staff console
 * and the background jobs run on Prisma's pool, so a busy console or a long expiry batch
 * never takes a connection the relay's status check is waiting for.
 */

afterEach(() => vi.restoreAllMocks());

function watchRelayPool() {
  const pool = getPool("relay");
  return [vi.spyOn(pool, "query"), vi.spyOn(pool, "connect")];
}

describe("the relay's pool", () => {
  it("is not used by the staff console", async () => {
    const staff = await createUser("STAFF");
    const account = await createAccount();
    const user = await createSmtpUser(account.id);
    const { block } = await createBlock({ accountId: account.id, smtpUserId: user.id });
    const spies = watchRelayPool();
    await listReviewQueue({ staffId: staff.id });
    await getStaffMetrics({ staffId: staff.id });
    await getSenderHistory({ staffId: staff.id, publicId: block.publicId });
    await claimsOnReport({ staffId: staff.id, publicId: block.publicId });
    await liftBlockAsStaff({
      staffId: staff.id,
      publicId: block.publicId,
      fields: { reason: "Checked by hand: the sender fixed the form." },
    });
    expect((await getDb().block.findUniqueOrThrow({ where: { id: block.id } })).status).toBe("LIFTED");
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("is not used by the expiry job", async () => {
    const account = await createAccount();
    const user = await createSmtpUser(account.id);
    const { block } = await createBlock({ accountId: account.id, smtpUserId: user.id });
    await getDb().block.update({ where: { id: block.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const spies = watchRelayPool();
    expect(await expireDueBlocks(WORKER)).toBeGreaterThanOrEqual(1);
    expect((await getDb().block.findUniqueOrThrow({ where: { id: block.id } })).status).toBe("EXPIRED");
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe("the relay's writes", () => {
  it("create a block on the relay's pool, and count, rotate and lift in Prisma transactions", async () => {
    const account = await createAccount();
    const { id: keyId } = await createTestKey();
    const user = await createSmtpUser(account.id);
    const actor = { type: "RELAY", id: keyId } as const;
    const [query] = watchRelayPool();
    const prismaTransaction = vi.spyOn(getDb(), "$transaction");
    const { block, created } = await createOrExtendBlock({
      accountId: account.id,
      smtpUser: { username: user.username },
      reason: "SPAM",
      scores: { spam: 9, abuse: 0, rate: 0, combined: 9, threshold: 5 },
      evidence: fiveEvidenceItems(),
      actor,
    });
    expect(created).toBe(true);
    // A known SMTP user: the actor check with the user, then the block with everything that belongs to it.
    expect(query).toHaveBeenCalledTimes(2);
    expect(prismaTransaction).not.toHaveBeenCalled();

    await recordAttempts({ publicId: block.id, count: 3, actor });
    await rotateReportLink({ publicId: block.id, actor });
    const lifted = await liftBlock({ publicId: block.id, reason: "The sender cleaned the list.", actor });
    expect(lifted.status).toBe("LIFTED");
    expect(prismaTransaction).toHaveBeenCalledTimes(3);
    expect(query).toHaveBeenCalledTimes(2);
  });
});
