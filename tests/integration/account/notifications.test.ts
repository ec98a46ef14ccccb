import { describe, expect, it } from "vitest";
import {
  listNotificationRecipients,
  notifyOwners,
  removeNotificationRecipient,
  saveNotificationRecipient,
} from "@/lib/data/account";
import { findUnsubscribe, unsubscribe } from "@/lib/data/account/notifications";
import { getDb } from "@/lib/db/client";
import { composeMail } from "@/lib/mail/send-mail-job";
import { mailJobSchema } from "@/lib/mail/mail-job";
import { createBlock, createSmtpUser } from "../../support/factories";
import { createUser } from "../staff/staff-support";

const MAIL_OPTIONS = {
  from: "Block Reports <no-reply@reports.example.net>",
  context: { relayName: "Example Relay", publicBaseUrl: "https://reports.example.net" },
};

async function noticesTo(email: string) {
  const rows = await getDb().outboxMessage.findMany({
    where: { topic: "mail.send", payload: { path: ["to"], equals: email } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => mailJobSchema.parse(r.payload));
}

describe("owner notifications", () => {
  it("keeps each account's list to its owner, and validates what is saved", async () => {
    const owner = await createUser("OWNER");
    const other = await createUser("OWNER");
    await expect(
      saveNotificationRecipient({ ownerId: owner.id, fields: { email: "not an address", events: [] } }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { email: [expect.any(String)], events: ["Choose at least one event."] } },
    });
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email: "ops@example.org", events: ["created"] } });
    await saveNotificationRecipient({
      ownerId: owner.id,
      fields: { email: "OPS@example.org", events: ["created", "ended"] },
    });
    const list = await listNotificationRecipients({ ownerId: owner.id });
    expect(list).toEqual([{ id: expect.any(String), email: "ops@example.org", events: ["created", "ended"] }]);
    expect(await listNotificationRecipients({ ownerId: other.id })).toEqual([]);
    await expect(removeNotificationRecipient({ ownerId: other.id, recipientId: list[0]!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const staff = await createUser("STAFF");
    await expect(
      saveNotificationRecipient({ ownerId: staff.id, fields: { email: "x@example.org", events: ["created"] } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await removeNotificationRecipient({ ownerId: owner.id, recipientId: list[0]!.id });
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([]);
  });

  it("mails the chosen events once each, with a working one-click unsubscribe", async () => {
    await notifyOwners({ now: new Date(Date.now() + 60_000) }); // settle the cursor past earlier tests' events
    const owner = await createUser("OWNER");
    const accountId = owner.accountId!;
    const email = `notify-${owner.id.slice(0, 8)}@example.org`;
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email, events: ["created", "decided"] } });
    const smtpUser = await createSmtpUser(accountId, "newsletter");
    const { block } = await createBlock({ accountId, smtpUserId: smtpUser.id, reason: "SPAM" });
    for (const [type, data] of [
      ["CREATED", {}],
      ["ESCALATED", { level: 2 }],
      ["APPEAL_DECIDED", { decision: "DENIED" }],
    ] as const) {
      await getDb().event.create({ data: { blockId: block.id, accountId, type, actorType: "SYSTEM", data } });
    }
    // Not yet settled: nothing is read.
    await notifyOwners({ now: new Date() });
    expect(await noticesTo(email)).toEqual([]);
    await notifyOwners({ now: new Date(Date.now() + 60_000) });
    await notifyOwners({ now: new Date(Date.now() + 60_000) });
    const notices = await noticesTo(email);
    expect(notices.map((n) => n.template === "owner-notice" && [n.data.event, n.data.outcome])).toEqual([
      ["created", null],
      ["decided", "DENIED"],
    ]);

    const mail = composeMail(notices[0]!, MAIL_OPTIONS);
    expect(mail.subject).toBe(`SMTP user newsletter was blocked for spam content (report ${block.publicId})`);
    const header = mail.headers?.["List-Unsubscribe"];
    expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const token = /\/api\/unsubscribe\/([A-Za-z0-9_-]{32})>$/.exec(header ?? "")?.[1];
    expect(token).toBeDefined();
    expect(await findUnsubscribe(token!)).toMatchObject({ email });
    expect(await unsubscribe(token!)).toBe(true);
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([]);
    expect(await unsubscribe(token!)).toBe(false);
  });

  it("catches up on more events than one batch in one run, so a busy minute is not carried over", async () => {
    await notifyOwners({ now: new Date(Date.now() + 60_000) });
    const owner = await createUser("OWNER");
    const accountId = owner.accountId!;
    const email = `busy-${owner.id.slice(0, 8)}@example.org`;
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email, events: ["created"] } });
    const smtpUser = await createSmtpUser(accountId, "busy");
    for (let i = 0; i < 5; i += 1) {
      const { block } = await createBlock({ accountId, smtpUserId: smtpUser.id, senderAddress: `s${i}@busy.example` });
      await getDb().event.create({ data: { blockId: block.id, accountId, type: "CREATED", actorType: "RELAY" } });
    }
    expect(await notifyOwners({ now: new Date(Date.now() + 60_000), batch: 2 })).toBe(5);
    expect(await noticesTo(email)).toHaveLength(5);
  });
});
