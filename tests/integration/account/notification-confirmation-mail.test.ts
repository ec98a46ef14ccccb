import { describe, expect, it } from "vitest";
import { withMailWorker } from "../sender-actions/fresh-modules";
import type { SmtpSink } from "../sender-actions/smtp-sink";

// A notification address's confirmation and the owners' notices go the way every mail goes:
// the outbox row, the worker's mail.send job, a real SMTP server (started here); the notices
// are queued by the worker's own owners.notify handler. The app's modules are loaded against
// a database of their own, as in mail-delivery.test.ts.

const delivery = withMailWorker("notification_confirmation_mail");

const to = (address: string) => (mails: SmtpSink["received"]) => mails.filter((m) => m.to.includes(address));
const CONFIRM_LINK = /(https?:\/\/\S+\/notifications\/confirm\?token=([A-Za-z0-9_-]{43}))/;

describe("notification addresses, over SMTP", () => {
  it("mails a new address its confirmation only; the worker's notices reach it once it confirms with the mailed link", async () => {
    const { getDb } = await import("@/lib/db/client");
    const { env } = await import("@/lib/env");
    const { jobHandlers } = await import("@/lib/jobs/handlers");
    const { confirmRecipient, saveNotificationRecipient } = await import("@/lib/data/account/notifications");
    const { createAccount, createBlock, createSmtpUser } = await import("../../support/factories");
    const db = getDb();
    const account = await createAccount("Northwind \u202Egnp.exe");
    const owner = await db.user.create({
      data: { email: "mail-owner@example.net", name: "Owner", role: "OWNER", accountId: account.id },
    });
    const notify = () => jobHandlers["owners.notify"]({}, { log: () => {} });
    await notify(); // the cursor starts at the newest event
    /** A block of the account with its CREATED event, old enough for owners.notify to read. */
    const blockEvent = async (sender: string) => {
      const smtpUser = await createSmtpUser(account.id, `app-${sender}`);
      const { block } = await createBlock({ accountId: account.id, smtpUserId: smtpUser.id, senderAddress: sender });
      await db.event.create({
        data: {
          blockId: block.id,
          accountId: account.id,
          type: "CREATED",
          actorType: "RELAY",
          createdAt: new Date(Date.now() - 60_000),
        },
      });
      return block.publicId;
    };
    const confirmFromMail = async (mail: SmtpSink["received"][number]) => {
      const [, link, token] = CONFIRM_LINK.exec(mail.text) ?? [];
      expect(link, mail.text).toBeDefined();
      return confirmRecipient(token!);
    };

    // An address the owner confirmed earlier, as a control: the same path delivers to it.
    await saveNotificationRecipient({
      ownerId: owner.id,
      fields: { email: "confirmed@example.org", events: ["created"] },
    });
    await delivery.worker.dispatchNow();
    const [first] = to("confirmed@example.org")(
      await delivery.sink.waitFor((m) => to("confirmed@example.org")(m).length === 1),
    );
    expect(await confirmFromMail(first!)).toMatchObject({ email: "confirmed@example.org" });

    await saveNotificationRecipient({
      ownerId: owner.id,
      fields: { email: "waiting@example.org", events: ["created"] },
    });
    await delivery.worker.dispatchNow();
    const [confirmation] = to("waiting@example.org")(
      await delivery.sink.waitFor((m) => to("waiting@example.org")(m).length === 1),
    );
    expect(confirmation!.header("subject")).toBe(`Confirm block notifications from ${env.RELAY_NAME}`);
    expect(confirmation!.header("message-id")).toMatch(/^<notification-confirmation\.outbox-\d+@/);
    expect(confirmation!.text).toContain("account Northwind ⟨U+202E⟩gnp.exe");
    expect(confirmation!.text).toContain("Nothing more is sent here until you confirm.");
    expect(confirmation!.text).toContain("The link works once, for 7 days.");
    const [, link] = CONFIRM_LINK.exec(confirmation!.text)!;
    expect(link!.startsWith(new URL("/notifications/confirm", env.PUBLIC_BASE_URL).href)).toBe(true);
    expect(confirmation!.html).toContain(link);
    // The unsubscribe works from the very first mail.
    expect(confirmation!.header("list-unsubscribe")).toMatch(/^<https?:\/\/\S+\/api\/unsubscribe\/[A-Za-z0-9_-]{32}>$/);
    expect(confirmation!.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");

    // A block while it waits: the confirmed address hears of it, the waiting one does not.
    const whileWaiting = await blockEvent("a@while-waiting.example");
    await notify();
    await delivery.worker.dispatchNow();
    await delivery.sink.waitFor((m) =>
      to("confirmed@example.org")(m).some((x) => x.header("subject")?.includes(whileWaiting)),
    );
    // Nothing was even queued for it (so nothing is on its way either), and the server saw it once.
    expect(
      await db.outboxMessage.count({
        where: { topic: "mail.send", payload: { path: ["to"], equals: "waiting@example.org" } },
      }),
    ).toBe(1);
    expect(to("waiting@example.org")(delivery.sink.received)).toHaveLength(1);
    expect(delivery.sink.rcptAttempts.filter((a) => a === "waiting@example.org")).toHaveLength(1);

    // Confirmed with the mailed link: the next block reaches it too.
    expect(await confirmFromMail(confirmation!)).toMatchObject({ email: "waiting@example.org" });
    const afterConfirming = await blockEvent("b@after-confirming.example");
    await notify();
    await delivery.worker.dispatchNow();
    const mails = await delivery.sink.waitFor((m) =>
      to("waiting@example.org")(m).some((x) => x.header("subject")?.includes(afterConfirming)),
    );
    expect(to("waiting@example.org")(mails).map((m) => m.header("subject"))).toEqual([
      `Confirm block notifications from ${env.RELAY_NAME}`,
      `SMTP user app-b@after-confirming.example was blocked for abuse signals (report ${afterConfirming})`,
    ]);
  });
});
