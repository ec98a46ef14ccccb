import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CONFIRMATION_LIMITS,
  listNotificationRecipients,
  listNotificationSuppressions,
  notifyOwners,
  removeNotificationRecipient,
  saveNotificationRecipient,
} from "@/lib/data/account";
import {
  confirmRecipient,
  findRecipientConfirmation,
  findUnsubscribe,
  resendRecipientConfirmation,
  resubscribe,
  unsubscribe,
} from "@/lib/data/account/notifications";
import { getDb } from "@/lib/db/client";
import { composeMail } from "@/lib/mail/send-mail-job";
import { mailJobSchema } from "@/lib/mail/mail-job";
import { createBlock, createSmtpUser } from "../../support/factories";
import { createUser } from "../staff/staff-support";

const MAIL_OPTIONS = {
  from: "Block Reports <no-reply@reports.example.net>",
  context: { relayName: "Example Relay", publicBaseUrl: "https://reports.example.net" },
};

async function mailsTo(email: string) {
  const rows = await getDb().outboxMessage.findMany({
    where: { topic: "mail.send", payload: { path: ["to"], equals: email } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => mailJobSchema.parse(r.payload));
}

/** The block notices mailed to an address (not its confirmation). */
const noticesTo = async (email: string) => (await mailsTo(email)).filter((m) => m.template === "owner-notice");

/** The token of the newest confirmation mailed to an address. */
async function confirmationToken(email: string): Promise<string> {
  const mail = (await mailsTo(email)).findLast((m) => m.template === "notification-confirmation");
  if (mail?.template !== "notification-confirmation") throw new Error(`no confirmation mailed to ${email}`);
  return mail.data.token;
}

/** Adds an address and confirms it with the link it was mailed, as its owner would. */
async function addConfirmed(ownerId: string, email: string, events: string[]) {
  await saveNotificationRecipient({ ownerId, fields: { email, events } });
  expect(await confirmRecipient(await confirmationToken(email))).toMatchObject({ email });
}

describe("owner notifications", () => {
  it("keeps each account's list to its owner, and validates what is saved", async () => {
    const owner = await createUser("OWNER");
    const other = await createUser("OWNER");
    // An address of its own: other files mail ops@example.org too.
    const ops = `ops-${owner.id.slice(0, 8)}@example.org`;
    await expect(
      saveNotificationRecipient({ ownerId: owner.id, fields: { email: "not an address", events: [] } }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { email: [expect.any(String)], events: ["Choose at least one event."] } },
    });
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email: ops, events: ["created"] } });
    // The same address again (in any case) from the add form is refused, its events untouched:
    // the form's would have replaced them. Its own form (by id) changes them.
    await expect(
      saveNotificationRecipient({
        ownerId: owner.id,
        fields: { email: ops.toUpperCase(), events: ["created", "ended"] },
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: {
        fieldErrors: {
          email: [
            `${ops} is already on the list. To change the events it gets, use its own “Save events” under “Addresses notified”.`,
          ],
        },
      },
    });
    const list = await listNotificationRecipients({ ownerId: owner.id });
    expect(list).toEqual([
      {
        id: expect.any(String),
        email: ops,
        events: ["created"],
        confirmedAt: null,
        confirmationSentAt: expect.any(Date),
        confirmationExpiresAt: expect.any(Date),
      },
    ]);
    // Adding it again mails nothing more.
    expect(await mailsTo(ops)).toHaveLength(1);
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

  it("changes a listed address's events by its id (its own form), mailing nothing and never adding an address", async () => {
    const owner = await createUser("OWNER");
    const other = await createUser("OWNER");
    const waiting = `waiting-${owner.id.slice(0, 8)}@example.org`;
    const confirmed = `confirmed-${owner.id.slice(0, 8)}@example.org`;
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email: waiting, events: ["created"] } });
    await addConfirmed(owner.id, confirmed, ["created"]);
    const idOf = async (email: string) =>
      (await listNotificationRecipients({ ownerId: owner.id })).find((r) => r.email === email)!.id;
    const [waitingId, confirmedId] = [await idOf(waiting), await idOf(confirmed)];
    const mailsBefore = [(await mailsTo(waiting)).length, (await mailsTo(confirmed)).length];

    expect(
      await saveNotificationRecipient({ ownerId: owner.id, fields: { recipientId: waitingId, events: ["ended"] } }),
    ).toEqual({ email: waiting, added: false, confirmed: false });
    expect(
      await saveNotificationRecipient({
        ownerId: owner.id,
        // The address field, if any, is not what is saved: the id names the address.
        fields: { recipientId: confirmedId, email: "someone-else@example.org", events: ["escalated", "decided"] },
      }),
    ).toEqual({ email: confirmed, added: false, confirmed: true });
    const list = await listNotificationRecipients({ ownerId: owner.id });
    expect(list.map((r) => [r.email, r.events, r.confirmedAt !== null])).toEqual([
      [confirmed, ["escalated", "decided"], true],
      [waiting, ["ended"], false],
    ]);
    expect([(await mailsTo(waiting)).length, (await mailsTo(confirmed)).length]).toEqual(mailsBefore);
    expect(await mailsTo("someone-else@example.org")).toEqual([]);

    await expect(
      saveNotificationRecipient({ ownerId: owner.id, fields: { recipientId: waitingId, events: [] } }),
    ).rejects.toMatchObject({ code: "INVALID", details: { fieldErrors: { events: ["Choose at least one event."] } } });
    // Another account's address, a removed one and a malformed id are not found; nothing is added or mailed.
    await expect(
      saveNotificationRecipient({ ownerId: other.id, fields: { recipientId: waitingId, events: ["created"] } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await removeNotificationRecipient({ ownerId: owner.id, recipientId: waitingId });
    for (const recipientId of [waitingId, "not-an-id"])
      await expect(
        saveNotificationRecipient({ ownerId: owner.id, fields: { recipientId, email: waiting, events: ["created"] } }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listNotificationRecipients({ ownerId: owner.id })).map((r) => r.email)).toEqual([confirmed]);
    expect(await listNotificationRecipients({ ownerId: other.id })).toEqual([]);
    expect((await mailsTo(waiting)).length).toBe(mailsBefore[0]);
  });

  it("mails the chosen events once each, with a working one-click unsubscribe", async () => {
    await notifyOwners({ now: new Date(Date.now() + 60_000) }); // settle the cursor past earlier tests' events
    const owner = await createUser("OWNER");
    const accountId = owner.accountId!;
    const email = `notify-${owner.id.slice(0, 8)}@example.org`;
    await addConfirmed(owner.id, email, ["created", "decided"]);
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
    await addConfirmed(owner.id, email, ["created"]);
    const smtpUser = await createSmtpUser(accountId, "busy");
    for (let i = 0; i < 5; i += 1) {
      const { block } = await createBlock({ accountId, smtpUserId: smtpUser.id, senderAddress: `s${i}@busy.example` });
      await getDb().event.create({ data: { blockId: block.id, accountId, type: "CREATED", actorType: "RELAY" } });
    }
    expect(await notifyOwners({ now: new Date(Date.now() + 60_000), batch: 2 })).toBe(5);
    expect(await noticesTo(email)).toHaveLength(5);
  });
});

describe("confirming a notification address", () => {
  const digest = (token: string) => new Uint8Array(createHash("sha256").update(token, "utf8").digest());

  it("mails a new address one confirmation link and nothing else until that address confirms; a look changes nothing; the link works once, for its own address", async () => {
    await notifyOwners({ now: new Date(Date.now() + 60_000) });
    const owner = await createUser("OWNER");
    const accountId = owner.accountId!;
    const email = `confirm-${owner.id.slice(0, 8)}@example.org`;
    const neighbour = `neighbour-${owner.id.slice(0, 8)}@example.org`;
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email, events: ["created"] } });
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email: neighbour, events: ["created"] } });

    const [confirmation, ...more] = await mailsTo(email);
    expect(more).toEqual([]);
    expect(confirmation).toMatchObject({
      template: "notification-confirmation",
      data: { days: 7, accountName: "Owner's account" },
    });
    const token = await confirmationToken(email);
    // Only the token's SHA-256 is stored, with the link's expiry.
    const recipient = await getDb().notificationRecipient.findFirstOrThrow({ where: { email } });
    const stored = await getDb().oneTimeLink.findFirstOrThrow({ where: { recipientId: recipient.id } });
    expect(stored).toMatchObject({ purpose: "EMAIL_CONFIRMATION", userId: null, usedAt: null });
    expect(Buffer.from(stored.tokenDigest).equals(Buffer.from(digest(token)))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);

    // A block event while it waits: nothing is mailed to it.
    const smtpUser = await createSmtpUser(accountId, "waiting");
    const first = await createBlock({ accountId, smtpUserId: smtpUser.id, senderAddress: "a@waiting.example" });
    await getDb().event.create({
      data: { blockId: first.block.id, accountId, type: "CREATED", actorType: "RELAY" },
    });
    expect(await notifyOwners({ now: new Date(Date.now() + 60_000) })).toBe(0);
    expect(await mailsTo(email)).toHaveLength(1);

    // Looking at the link (the page a GET shows) changes nothing, however often.
    for (let i = 0; i < 2; i += 1)
      expect(await findRecipientConfirmation(token)).toEqual({ email, accountName: "Owner's account" });
    expect((await getDb().notificationRecipient.findUniqueOrThrow({ where: { id: recipient.id } })).confirmedAt).toBe(
      null,
    );

    expect(await confirmRecipient(token)).toEqual({ email, accountName: "Owner's account" });
    const list = await listNotificationRecipients({ ownerId: owner.id });
    expect(list.find((r) => r.email === email)).toMatchObject({
      confirmedAt: expect.any(Date),
      confirmationExpiresAt: null,
    });
    // Only its own address: the neighbour still waits.
    expect(list.find((r) => r.email === neighbour)).toMatchObject({ confirmedAt: null });

    // Used up; unknown and malformed tokens are refused alike.
    expect(await confirmRecipient(token)).toBe(null);
    expect(await findRecipientConfirmation(token)).toBe(null);
    expect(await confirmRecipient(randomBytes(32).toString("base64url"))).toBe(null);
    expect(await confirmRecipient("not a token")).toBe(null);
    expect(await findRecipientConfirmation("")).toBe(null);

    // The next event reaches the confirmed address only.
    const second = await createBlock({ accountId, smtpUserId: smtpUser.id, senderAddress: "b@waiting.example" });
    await getDb().event.create({
      data: { blockId: second.block.id, accountId, type: "CREATED", actorType: "RELAY" },
    });
    expect(await notifyOwners({ now: new Date(Date.now() + 60_000) })).toBe(1);
    expect((await noticesTo(email)).map((n) => n.template === "owner-notice" && n.data.publicId)).toEqual([
      second.block.publicId,
    ]);
    expect(await noticesTo(neighbour)).toEqual([]);
  });

  it("lets a link expire after 7 days", async () => {
    const owner = await createUser("OWNER");
    const email = `late-${owner.id.slice(0, 8)}@example.org`;
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email, events: ["created"] }, now: eightDaysAgo });
    const token = await confirmationToken(email);
    expect(await findRecipientConfirmation(token)).toBe(null);
    expect(await confirmRecipient(token)).toBe(null);
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([
      expect.objectContaining({
        email,
        confirmedAt: null,
        confirmationSentAt: eightDaysAgo,
        confirmationExpiresAt: null,
      }),
    ]);
  });

  it("sends the confirmation again for the account's owner only, with a new link that retires the old, until the address confirms, and not too often", async () => {
    const owner = await createUser("OWNER");
    const other = await createUser("OWNER");
    const staff = await createUser("STAFF");
    const email = `again-${owner.id.slice(0, 8)}@example.org`;
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email, events: ["created"] } });
    const { id } = (await listNotificationRecipients({ ownerId: owner.id }))[0]!;
    const firstToken = await confirmationToken(email);

    for (const [ownerId, recipientId] of [
      [other.id, id],
      [staff.id, id],
      [owner.id, "not-a-uuid"],
      [owner.id, crypto.randomUUID()],
    ])
      await expect(resendRecipientConfirmation({ ownerId: ownerId!, recipientId: recipientId! })).rejects.toMatchObject(
        {
          code: "NOT_FOUND",
        },
      );
    expect(await mailsTo(email)).toHaveLength(1);

    const later = new Date(Date.now() + 60_000);
    expect(await resendRecipientConfirmation({ ownerId: owner.id, recipientId: id, now: later })).toEqual({ email });
    const secondToken = await confirmationToken(email);
    expect(secondToken).not.toBe(firstToken);
    expect(await findRecipientConfirmation(firstToken)).toBe(null);
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([
      expect.objectContaining({ confirmationSentAt: later }),
    ]);

    // Four confirmation mails an hour per address (the first and three more): the fifth is refused, saying when to try again.
    await resendRecipientConfirmation({ ownerId: owner.id, recipientId: id });
    await resendRecipientConfirmation({ ownerId: owner.id, recipientId: id });
    await expect(resendRecipientConfirmation({ ownerId: owner.id, recipientId: id })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/several times in the last hour.*Try again in \d+ minutes\.$/),
    });
    expect(await mailsTo(email)).toHaveLength(4);

    // Removed and added again (in any case), the address is still counted as the same one.
    await removeNotificationRecipient({ ownerId: owner.id, recipientId: id });
    await expect(
      saveNotificationRecipient({ ownerId: owner.id, fields: { email: email.toUpperCase(), events: ["created"] } }),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(
        /was sent its confirmation several times in the last hour, so it was not added again yet\. Try again in \d+ minutes\.$/,
      ),
    });
    expect(await mailsTo(email)).toHaveLength(4);
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([]);
    // Another account may still add it: the limit is per account.
    await saveNotificationRecipient({ ownerId: other.id, fields: { email, events: ["created"] } });
    expect(await mailsTo(email)).toHaveLength(5);
  });

  it("sends nothing again to an address that confirmed", async () => {
    const owner = await createUser("OWNER");
    const email = `done-${owner.id.slice(0, 8)}@example.org`;
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email, events: ["created"] } });
    const { id } = (await listNotificationRecipients({ ownerId: owner.id }))[0]!;
    expect(await confirmRecipient(await confirmationToken(email))).toMatchObject({ email });
    await expect(resendRecipientConfirmation({ ownerId: owner.id, recipientId: id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it("limits the confirmation mails an account sends in an hour, adding addresses included, keeping the list as it was", async () => {
    const owner = await createUser("OWNER");
    const tag = owner.id.slice(0, 8);
    for (let i = 0; i < CONFIRMATION_LIMITS.account; i += 1)
      await saveNotificationRecipient({
        ownerId: owner.id,
        fields: { email: `many${i}-${tag}@example.org`, events: ["created"] },
      });
    await expect(
      saveNotificationRecipient({
        ownerId: owner.id,
        fields: { email: `one-more-${tag}@example.org`, events: ["created"] },
      }),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/was not added yet\. Try again in/),
    });
    expect(await listNotificationRecipients({ ownerId: owner.id })).toHaveLength(CONFIRMATION_LIMITS.account);
    expect(await mailsTo(`one-more-${tag}@example.org`)).toEqual([]);
    // Changing the events of an address on the list (its own form) sends nothing, so it is not limited.
    const many0 = (await listNotificationRecipients({ ownerId: owner.id })).find(
      (r) => r.email === `many0-${tag}@example.org`,
    )!;
    await saveNotificationRecipient({ ownerId: owner.id, fields: { recipientId: many0.id, events: ["ended"] } });
  });

  it("deletes an address's links with it: a removed address's link no longer works", async () => {
    const owner = await createUser("OWNER");
    const email = `removed-${owner.id.slice(0, 8)}@example.org`;
    await saveNotificationRecipient({ ownerId: owner.id, fields: { email, events: ["created"] } });
    const token = await confirmationToken(email);
    const { id } = (await listNotificationRecipients({ ownerId: owner.id }))[0]!;
    await removeNotificationRecipient({ ownerId: owner.id, recipientId: id });
    expect(await findRecipientConfirmation(token)).toBe(null);
    expect(await confirmRecipient(token)).toBe(null);
    expect(await getDb().oneTimeLink.count({ where: { recipientId: id } })).toBe(0);
  });
});

describe("unsubscribing", () => {
  /** The unsubscribe token every mail to the address carries. */
  const tokenOf = async (email: string) =>
    (await getDb().notificationRecipient.findFirstOrThrow({ where: { email }, select: { unsubscribeToken: true } }))
      .unsubscribeToken;

  it("keeps an unsubscribed address off the list: the owner's re-add is refused, saying why, and mails nothing; the worker skips it", async () => {
    await notifyOwners({ now: new Date(Date.now() + 60_000) });
    const owner = await createUser("OWNER");
    const accountId = owner.accountId!;
    const email = `optout-${owner.id.slice(0, 8)}@example.org`;
    await addConfirmed(owner.id, email, ["created", "ended"]);
    const token = await tokenOf(email);
    const mailed = (await mailsTo(email)).length;

    const when = new Date("2026-12-07T10:00:00Z");
    expect(await unsubscribe(token, when)).toBe(true);
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([]);
    expect(await listNotificationSuppressions({ ownerId: owner.id })).toEqual([{ email, unsubscribedAt: when }]);
    // The same link again: nothing more to do, the suppression stays.
    expect(await unsubscribe(token)).toBe(false);
    expect(await findUnsubscribe(token)).toEqual({ email, accountName: "Owner's account", unsubscribedAt: when });

    for (const typed of [email, ` ${email.toUpperCase()} `])
      await expect(
        saveNotificationRecipient({ ownerId: owner.id, fields: { email: typed, events: ["created"] } }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
        message: `${email} unsubscribed from this account's notifications on 7 Dec 2026. We send it nothing more unless its owner subscribes again from the link in the last notification they received.`,
      });
    expect(await mailsTo(email)).toHaveLength(mailed);
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([]);

    // Defence in depth: were the address on the list again (by any path), the worker still mails it nothing.
    await getDb().notificationRecipient.create({
      data: {
        accountId,
        email,
        events: ["created"],
        unsubscribeToken: randomBytes(24).toString("base64url"),
        confirmedAt: new Date(),
      },
    });
    const smtpUser = await createSmtpUser(accountId, "optout");
    const { block } = await createBlock({ accountId, smtpUserId: smtpUser.id, senderAddress: "a@optout.example" });
    await getDb().event.create({ data: { blockId: block.id, accountId, type: "CREATED", actorType: "RELAY" } });
    expect(await notifyOwners({ now: new Date(Date.now() + 60_000) })).toBe(0);
    expect(await noticesTo(email)).toEqual([]);
  });

  it("lets the address subscribe again with its own link: back on the list, confirmed, with the events it had and the same link", async () => {
    await notifyOwners({ now: new Date(Date.now() + 60_000) });
    const owner = await createUser("OWNER");
    const accountId = owner.accountId!;
    const email = `back-${owner.id.slice(0, 8)}@example.org`;
    await addConfirmed(owner.id, email, ["created", "decided"]);
    const token = await tokenOf(email);
    await unsubscribe(token);
    const mailed = (await mailsTo(email)).length;

    expect(await resubscribe(token)).toEqual({ email, accountName: "Owner's account" });
    expect(await listNotificationSuppressions({ ownerId: owner.id })).toEqual([]);
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([
      expect.objectContaining({ email, events: ["created", "decided"], confirmedAt: expect.any(Date) }),
    ]);
    expect(await tokenOf(email)).toBe(token);
    expect(await findUnsubscribe(token)).toMatchObject({ email, unsubscribedAt: null });
    // Once only; made-up and malformed tokens do nothing. No confirmation is mailed.
    for (const other of [token, randomBytes(24).toString("base64url"), "not a token"])
      expect(await resubscribe(other)).toBe(null);
    expect(await mailsTo(email)).toHaveLength(mailed);

    // It gets notices again.
    const smtpUser = await createSmtpUser(accountId, "back");
    const { block } = await createBlock({ accountId, smtpUserId: smtpUser.id, senderAddress: "a@back.example" });
    await getDb().event.create({ data: { blockId: block.id, accountId, type: "CREATED", actorType: "RELAY" } });
    await notifyOwners({ now: new Date(Date.now() + 60_000) });
    expect(await noticesTo(email)).toHaveLength(1);
  });

  it("keeps suppressions to their account: B neither sees A's nor is refused by them, and A's owner cannot lift one", async () => {
    const a = await createUser("OWNER");
    const b = await createUser("OWNER");
    const email = `shared-${a.id.slice(0, 8)}@example.org`;
    await addConfirmed(a.id, email, ["created"]);
    await unsubscribe(await tokenOf(email));
    expect(await listNotificationSuppressions({ ownerId: b.id })).toEqual([]);
    const staff = await createUser("STAFF");
    await expect(listNotificationSuppressions({ ownerId: staff.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // B may add the same address (it opted out of A's mail only): it gets B's confirmation.
    expect(await saveNotificationRecipient({ ownerId: b.id, fields: { email, events: ["created"] } })).toMatchObject({
      added: true,
    });
    expect((await listNotificationRecipients({ ownerId: b.id })).map((r) => r.email)).toEqual([email]);
    // A stays refused, and B's unsubscribe leaves A's suppression as it was.
    await expect(
      saveNotificationRecipient({ ownerId: a.id, fields: { email, events: ["created"] } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const bToken = (await getDb().notificationRecipient.findFirstOrThrow({ where: { email, accountId: b.accountId! } }))
      .unsubscribeToken;
    await unsubscribe(bToken);
    expect(await resubscribe(bToken)).toMatchObject({ email });
    expect((await listNotificationSuppressions({ ownerId: a.id })).map((s) => s.email)).toEqual([email]);
    expect(await listNotificationRecipients({ ownerId: a.id })).toEqual([]);
  });
});
