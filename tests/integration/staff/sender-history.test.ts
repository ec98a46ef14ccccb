import { describe, expect, it } from "vitest";
import { getSenderHistory } from "@/lib/data/staff";
import { getDb } from "@/lib/db/client";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";
import { createUser } from "./staff-support";

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("the sender history on the review page", () => {
  it("lists earlier blocks of the same SMTP user, address and account with their outcomes, and who opened the report", async () => {
    const staff = await createUser("STAFF");
    const admin = await createUser("ADMIN");
    const account = await createAccount();
    const otherAccount = await createAccount();
    const user = await createSmtpUser(account.id);
    const colleague = await createSmtpUser(account.id);
    const stranger = await createSmtpUser(otherAccount.id);
    const address = "news@shop.example";
    const make = async (
      smtpUserId: string,
      accountId: string,
      senderAddress: string | null,
      minutes: number,
      status: "ACTIVE" | "LIFTED" = "LIFTED",
    ) => {
      const { block } = await createBlock({ accountId, smtpUserId, senderAddress, status });
      return getDb().block.update({
        where: { id: block.id },
        data: {
          createdAt: minutesAgo(minutes),
          liftReason: status === "LIFTED" ? "Complaint rate back to normal." : null,
        },
      });
    };
    const sameUser = await make(user.id, account.id, "other@shop.example", 300);
    await getDb().appeal.create({
      data: {
        reference: `A-${sameUser.publicId.slice(0, 6).toUpperCase()}`,
        blockId: sameUser.id,
        accountId: account.id,
        contactEmail: "ops@example.org",
        explanation: "We removed the purchased list entirely.",
        trafficStopped: true,
        status: "DENIED",
        decisionReason: "Still above the complaint limit.",
        decidedById: staff.id,
        decidedAt: minutesAgo(290),
      },
    });
    const sameAccount = await make(colleague.id, account.id, null, 200);
    const sameAddressElsewhere = await make(stranger.id, otherAccount.id, address, 100);
    const unrelated = await make(stranger.id, otherAccount.id, "x@y.example", 50);
    const current = await make(user.id, account.id, address, 10, "ACTIVE");
    const later = await make(user.id, account.id, address, 1);

    await getSenderHistory({ staffId: admin.id, publicId: current.publicId });
    const history = await getSenderHistory({ staffId: staff.id, publicId: current.publicId });
    expect(history.blocks.map((b) => [b.publicId, b.matches])).toEqual([
      [sameAddressElsewhere.publicId, ["sender address"]],
      [sameAccount.publicId, ["account"]],
      [sameUser.publicId, ["smtp user", "account"]],
    ]);
    expect(history.blocks.map((b) => b.publicId)).not.toContain(unrelated.publicId);
    expect(history.blocks.map((b) => b.publicId)).not.toContain(later.publicId);
    expect(history.blocks[2]).toMatchObject({
      review: { status: "DENIED", decisionReason: "Still above the complaint limit.", decidedBy: staff.name },
      liftReason: "Complaint rate back to normal.",
    });
    expect(history.viewers.map((v) => v.name)).toEqual([staff.name, admin.name]);
    // Each opening is in the audit log.
    expect(await getDb().staffAudit.count({ where: { action: "VIEW", target: current.publicId } })).toBe(2);
  });

  it("is for staff only", async () => {
    const owner = await createUser("OWNER");
    await expect(getSenderHistory({ staffId: owner.id, publicId: "0".repeat(20) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const staff = await createUser("STAFF");
    await expect(getSenderHistory({ staffId: staff.id, publicId: "not-an-id" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
