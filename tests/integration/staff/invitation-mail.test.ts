import { describe, expect, it } from "vitest";
import { withMailWorker } from "../sender-actions/fresh-modules";

// The invitation mail goes the way every mail goes: the outbox row written with the
// invitation, the worker's mail.send job, a real SMTP server (started here). The app's
// own modules are loaded against a database of their own, as in mail-delivery.test.ts.

const delivery = withMailWorker("invitation_mail");

describe("the invitation mail, delivered over SMTP by the worker", () => {
  it("carries a working one-time link in the reset mail's style; a resent mail's link replaces it", async () => {
    const { getDb } = await import("@/lib/db/client");
    const { env } = await import("@/lib/env");
    const { acceptInvitation, inviteUser, resendInvitation } = await import("@/lib/data/users/invitations");
    const { verifyCredentials } = await import("@/lib/data/users/verify-credentials");
    const bcrypt = (await import("bcryptjs")).default;
    const admin = await getDb().user.create({
      data: { email: "mail-admin@example.net", name: "Admin", role: "ADMIN", passwordHash: await bcrypt.hash("x", 4) },
    });
    const account = await getDb().account.create({
      data: { name: "Northwind \u202Egnp.exe", planName: "Starter", limitPerMinute: 10 },
    });
    const { id } = await inviteUser({
      adminId: admin.id,
      fields: { email: "new.owner@example.org", name: "New Owner", role: "OWNER", accountId: account.id },
    });
    expect(await delivery.worker.dispatchNow()).toBeGreaterThanOrEqual(1);
    const [mail] = await delivery.sink.waitFor((all) => all.some((m) => m.to.includes("new.owner@example.org")));
    expect(mail!.header("subject")).toBe(`You are invited to ${env.RELAY_NAME} Block Reports`);
    expect(mail!.header("from")).toBe(env.MAIL_FROM);
    expect(mail!.header("message-id")).toMatch(/^<invitation\.outbox-\d+@/);
    // The account's name is shown with its bidi override made visible, in both parts.
    expect(mail!.text).toContain("account portal of Northwind ⟨U+202E⟩gnp.exe");
    expect(mail!.html).not.toContain("\u202E");
    expect(mail!.text).toContain("The link works once, for 7 days.");
    const link = /(https?:\/\/\S+\/invitation\?token=[A-Za-z0-9_-]{43})/.exec(mail!.text)?.[1];
    expect(link, mail!.text).toBeDefined();
    expect(link!.startsWith(new URL("/invitation", env.PUBLIC_BASE_URL).href)).toBe(true);
    expect(mail!.html).toContain(link);

    await resendInvitation({ adminId: admin.id, userId: id });
    await delivery.worker.dispatchNow();
    const mails = await delivery.sink.waitFor(
      (all) => all.filter((m) => m.to.includes("new.owner@example.org")).length === 2,
    );
    const second = /\/invitation\?token=([A-Za-z0-9_-]{43})/.exec(mails.at(-1)!.text)![1]!;
    const first = new URL(link!).searchParams.get("token")!;
    const fields = { password: "a first password for the owner", confirm: "a first password for the owner" };
    await expect(acceptInvitation({ token: first, fields, client: "mail-test" })).rejects.toMatchObject({
      code: "GONE",
    });
    await expect(acceptInvitation({ token: second, fields, client: "mail-test" })).resolves.toMatchObject({
      id,
      role: "OWNER",
      accountId: account.id,
    });
    expect(await verifyCredentials("new.owner@example.org", fields.password)).toMatchObject({ id });
  });
});
