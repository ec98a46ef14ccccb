import { createHash, randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  INVITATION_DAYS,
  inviteUser,
  listInvitableAccounts,
  resendInvitation,
  revokeInvitation,
} from "@/lib/data/users/invitations";
import { listUsers, changeUserRole, setUserDisabled } from "@/lib/data/users/manage-users";
import { isLiveOneTimeLink } from "@/lib/data/users/one-time-links";
import { requestPasswordReset } from "@/lib/data/users/passwords";
import { findSessionUser, verifyCredentials } from "@/lib/data/users/verify-credentials";
import { getDb } from "@/lib/db/client";
import { issueQueuedPasswordResets } from "../../support/outbox";
import { createUser } from "./staff-support";

const PASSWORD = "an invited user's first password";
const fresh = (label: string) => `invited-${label}-${randomBytes(4).toString("hex")}@example.net`;

async function mailedInvitation(email: string) {
  const mails = await getDb().outboxMessage.findMany({
    where: { topic: "mail.send", payload: { path: ["to"], equals: email } },
    orderBy: { id: "desc" },
  });
  return mails.map((mail) => mail.payload as { template: string; data: { token: string; days: number; role: string } });
}

const tokenOf = async (email: string) => (await mailedInvitation(email))[0]!.data.token;

async function auditOf(target: string) {
  return getDb().staffAudit.findMany({ where: { target }, orderBy: { id: "asc" } });
}

let admin: { id: string; email: string };
beforeAll(async () => {
  admin = await createUser("ADMIN");
});

describe("invitations", () => {
  it("creates the user without a password and mails a 7-day single-use link, only its digest stored, audited", async () => {
    const email = fresh("staff");
    // Typed with spaces and capitals: stored trimmed, as typed otherwise.
    const invited = await inviteUser({
      adminId: admin.id,
      fields: { email: `  ${email.toUpperCase()} `, name: "New Reviewer", role: "STAFF", accountId: "" },
      client: "203.0.113.9",
    });
    expect(invited).toMatchObject({ email: email.toUpperCase(), role: "STAFF" });
    const user = await getDb().user.findUniqueOrThrow({ where: { id: invited.id } });
    expect(user).toMatchObject({
      passwordHash: null,
      invitedById: admin.id,
      invitationAcceptedAt: null,
      accountId: null,
    });

    const [mail] = await mailedInvitation(email.toUpperCase());
    expect(mail).toMatchObject({ template: "invitation", data: { days: INVITATION_DAYS, role: "STAFF" } });
    const link = await getDb().oneTimeLink.findFirstOrThrow({ where: { userId: user.id } });
    expect(link.purpose).toBe("INVITATION");
    expect(Buffer.from(link.tokenDigest).toString("hex")).toBe(
      createHash("sha256").update(mail!.data.token).digest("hex"),
    );
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(INVITATION_DAYS * 24 * 3600_000);
    expect(await isLiveOneTimeLink(mail!.data.token, "INVITATION")).toBe(true);
    expect(await isLiveOneTimeLink(mail!.data.token, "PASSWORD_RESET")).toBe(false);

    const [entry] = await auditOf(email.toUpperCase());
    expect(entry).toMatchObject({
      action: "USER_INVITED",
      actorId: admin.id,
      actorEmail: admin.email,
      client: "203.0.113.9",
      data: { userId: user.id, detail: "staff" },
    });

    const listed = (await listUsers({ adminId: admin.id })).find((row) => row.id === user.id);
    expect(listed?.invitation).toEqual({
      invitedAt: user.invitedAt!.toISOString(),
      linkExpiresAt: link.expiresAt.toISOString(),
    });
  });

  it("refuses sign-in until the password is set, even with the text that stands in for a missing hash", async () => {
    const email = fresh("nosign");
    await inviteUser({ adminId: admin.id, fields: { email, name: "Not yet", role: "ADMIN", accountId: "" } });
    expect(await verifyCredentials(email, "no user has this address")).toBeNull();
    expect(await verifyCredentials(email, "")).toBeNull();
    // "Forgot password" does not mail a pending invitee a reset link: the invitation is the way in.
    await requestPasswordReset({ email, client: randomUUID() });
    expect((await mailedInvitation(email)).map((mail) => mail.template)).toEqual(["invitation"]);
  });

  it("accepting sets the password, uses the link up, signs them in and audits it; the link then fails", async () => {
    const email = fresh("accept");
    const { id } = await inviteUser({
      adminId: admin.id,
      fields: { email, name: "Accepts", role: "STAFF", accountId: "" },
    });
    const token = await tokenOf(email);
    await expect(
      acceptInvitation({ token, fields: { password: "short", confirm: "short" }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "INVALID", details: { fieldErrors: { password: [expect.any(String)] } } });
    // A refused form leaves the link usable.
    expect(await isLiveOneTimeLink(token, "INVITATION")).toBe(true);
    const user = await acceptInvitation({
      token,
      fields: { password: PASSWORD, confirm: PASSWORD },
      client: randomUUID(),
    });
    expect(user).toMatchObject({ id, role: "STAFF" });
    expect(await findSessionUser(user.id, user.sessionVersion)).toMatchObject({ id });
    expect(await verifyCredentials(email, PASSWORD)).toMatchObject({ id });
    expect((await getDb().user.findUniqueOrThrow({ where: { id } })).invitationAcceptedAt).not.toBeNull();
    expect((await auditOf(email)).map((entry) => entry.action)).toEqual(["USER_INVITED", "INVITATION_ACCEPTED"]);
    expect((await listUsers({ adminId: admin.id })).find((row) => row.id === id)?.invitation).toBeNull();
    // Single use.
    await expect(
      acceptInvitation({ token, fields: { password: `${PASSWORD}!`, confirm: `${PASSWORD}!` }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE" });
    expect(await verifyCredentials(email, PASSWORD)).toMatchObject({ id });
    // A reset link is not an invitation link, nor the other way round.
    await requestPasswordReset({ email, client: randomUUID() });
    await issueQueuedPasswordResets(email);
    const reset = (await mailedInvitation(email))[0]!;
    expect(reset.template).toBe("password-reset");
    await expect(
      acceptInvitation({ token: reset.data.token, fields: { password: PASSWORD, confirm: PASSWORD }, client: "x" }),
    ).rejects.toMatchObject({ code: "GONE" });
  });

  it("expires the link after 7 days", async () => {
    const email = fresh("expired");
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    await inviteUser({
      adminId: admin.id,
      fields: { email, name: "Too late", role: "STAFF", accountId: "" },
      now: eightDaysAgo,
    });
    const token = await tokenOf(email);
    expect(await isLiveOneTimeLink(token, "INVITATION")).toBe(false);
    await expect(
      acceptInvitation({ token, fields: { password: PASSWORD, confirm: PASSWORD }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE" });
    const listed = (await listUsers({ adminId: admin.id })).find((row) => row.email === email);
    expect(listed?.invitation).toMatchObject({ linkExpiresAt: null });
    // Six days in, it still works.
    const email2 = fresh("six-days");
    await inviteUser({
      adminId: admin.id,
      fields: { email: email2, name: "In time", role: "STAFF", accountId: "" },
      now: new Date(Date.now() - 6 * 24 * 3600_000),
    });
    await expect(
      acceptInvitation({
        token: await tokenOf(email2),
        fields: { password: PASSWORD, confirm: PASSWORD },
        client: "y",
      }),
    ).resolves.toMatchObject({ email: email2 });
  });

  it("resending retires the old link; revoking removes the user and their link, so the address can be invited again", async () => {
    const email = fresh("resend");
    const { id } = await inviteUser({
      adminId: admin.id,
      fields: { email, name: "Resent", role: "STAFF", accountId: "" },
    });
    const first = await tokenOf(email);
    await resendInvitation({ adminId: admin.id, userId: id });
    const second = await tokenOf(email);
    expect(second).not.toBe(first);
    expect(await isLiveOneTimeLink(first, "INVITATION")).toBe(false);
    expect(await isLiveOneTimeLink(second, "INVITATION")).toBe(true);

    await revokeInvitation({ adminId: admin.id, userId: id });
    expect(await getDb().user.count({ where: { id } })).toBe(0);
    await expect(
      acceptInvitation({ token: second, fields: { password: PASSWORD, confirm: PASSWORD }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE" });
    await expect(resendInvitation({ adminId: admin.id, userId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeInvitation({ adminId: admin.id, userId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await auditOf(email)).map((entry) => entry.action)).toEqual([
      "USER_INVITED",
      "INVITATION_RESENT",
      "INVITATION_REVOKED",
    ]);
    await expect(
      inviteUser({ adminId: admin.id, fields: { email, name: "Again", role: "STAFF", accountId: "" } }),
    ).resolves.toMatchObject({ email });
  });

  it("an accepted invitation can no longer be resent or revoked; a disabled invitee's link does not work", async () => {
    const email = fresh("accepted");
    const { id } = await inviteUser({
      adminId: admin.id,
      fields: { email, name: "Done", role: "STAFF", accountId: "" },
    });
    await acceptInvitation({
      token: await tokenOf(email),
      fields: { password: PASSWORD, confirm: PASSWORD },
      client: "z",
    });
    await expect(resendInvitation({ adminId: admin.id, userId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeInvitation({ adminId: admin.id, userId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const email2 = fresh("disabled");
    const invited = await inviteUser({
      adminId: admin.id,
      fields: { email: email2, name: "Disabled", role: "STAFF", accountId: "" },
    });
    await setUserDisabled({ adminId: admin.id, userId: invited.id, disabled: true });
    await expect(
      acceptInvitation({
        token: await tokenOf(email2),
        fields: { password: PASSWORD, confirm: PASSWORD },
        client: "w",
      }),
    ).rejects.toMatchObject({ code: "GONE" });
  });

  it("a resend or revoke that meets an acceptance in flight waits for it: no new link for an accepted login, no half-revoke", async () => {
    const email = fresh("race");
    const { id } = await inviteUser({
      adminId: admin.id,
      fields: { email, name: "Racing", role: "STAFF", accountId: "" },
    });
    // An acceptance in flight holds the invitee's row (as acceptInvitation does) until it commits.
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const acceptance = getDb().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${id}::uuid FOR UPDATE`;
      await tx.user.update({ where: { id }, data: { passwordHash: "x", invitationAcceptedAt: new Date() } });
      await tx.oneTimeLink.updateMany({ where: { userId: id, usedAt: null }, data: { usedAt: new Date() } });
      held();
      await committed;
    });
    await holding;
    const resend = resendInvitation({ adminId: admin.id, userId: id });
    const revoke = revokeInvitation({ adminId: admin.id, userId: id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await acceptance;
    await expect(resend).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revoke).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The accepted login has no live invitation link and got no second mail.
    expect(await getDb().oneTimeLink.count({ where: { userId: id, usedAt: null } })).toBe(0);
    expect(await mailedInvitation(email)).toHaveLength(1);
    expect(await getDb().user.count({ where: { id } })).toBe(1);
  });

  it("an owner is bound to the chosen account; form errors name the field, an existing address (any case) is refused", async () => {
    const owner = await createUser("OWNER");
    const account = (await getDb().account.findUniqueOrThrow({ where: { id: owner.accountId! } }))!;
    expect(await listInvitableAccounts({ adminId: admin.id })).toEqual(
      expect.arrayContaining([{ id: account.id, name: account.name }]),
    );
    const email = fresh("owner");
    await expect(
      inviteUser({ adminId: admin.id, fields: { email, name: "Owner", role: "OWNER", accountId: "" } }),
    ).rejects.toMatchObject({ code: "INVALID", details: { fieldErrors: { accountId: [expect.any(String)] } } });
    await expect(
      inviteUser({ adminId: admin.id, fields: { email, name: "Owner", role: "OWNER", accountId: randomUUID() } }),
    ).rejects.toMatchObject({ code: "INVALID", details: { fieldErrors: { accountId: [expect.any(String)] } } });
    const invited = await inviteUser({
      adminId: admin.id,
      fields: { email, name: "Owner", role: "OWNER", accountId: account.id },
    });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: invited.id } })).accountId).toBe(account.id);
    expect((await mailedInvitation(email))[0]).toMatchObject({ data: { role: "OWNER", accountName: account.name } });
    // Staff get no account, whatever the form said.
    const staffEmail = fresh("staff-no-account");
    const staff = await inviteUser({
      adminId: admin.id,
      fields: { email: staffEmail, name: "Staff", role: "STAFF", accountId: account.id },
    });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: staff.id } })).accountId).toBeNull();

    for (const taken of [owner.email, owner.email.toUpperCase(), email]) {
      await expect(
        inviteUser({ adminId: admin.id, fields: { email: taken, name: "Dup", role: "STAFF", accountId: "" } }),
      ).rejects.toMatchObject({
        code: "INVALID",
        details: { fieldErrors: { email: [expect.stringMatching(/already uses this address/)] } },
      });
    }
    await expect(
      inviteUser({ adminId: admin.id, fields: { email: "not an address", name: "", role: "BOSS", accountId: "" } }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { email: [expect.any(String)], name: [expect.any(String)], role: [expect.any(String)] } },
    });
    // A name is one line: line breaks or other control characters would let it pose as
    // something else in lists and exports.
    for (const name of ["Evil\r\nBcc: x@evil.example", "Tab\tName", "Bell\u0007", "C1\u0085Next line"]) {
      await expect(
        inviteUser({ adminId: admin.id, fields: { email: fresh("name"), name, role: "STAFF", accountId: "" } }),
      ).rejects.toMatchObject({
        code: "INVALID",
        details: { fieldErrors: { name: ["Write the name on one line, without control characters."] } },
      });
    }
  });

  it("only admins invite, resend or revoke; role changes and disabling are audited too", async () => {
    const staff = await createUser("STAFF");
    const owner = await createUser("OWNER");
    const email = fresh("forbidden");
    for (const actor of [staff.id, owner.id, randomUUID(), "not-a-uuid"]) {
      await expect(
        inviteUser({ adminId: actor, fields: { email, name: "X", role: "ADMIN", accountId: "" } }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listInvitableAccounts({ adminId: actor })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await getDb().user.count({ where: { email } })).toBe(0);
    const { id } = await inviteUser({ adminId: admin.id, fields: { email, name: "X", role: "STAFF", accountId: "" } });
    await expect(resendInvitation({ adminId: staff.id, userId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revokeInvitation({ adminId: staff.id, userId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().user.count({ where: { id } })).toBe(1);

    await changeUserRole({ adminId: admin.id, userId: staff.id, role: "ADMIN" });
    await setUserDisabled({ adminId: admin.id, userId: staff.id, disabled: true });
    await setUserDisabled({ adminId: admin.id, userId: staff.id, disabled: false });
    expect(
      (await auditOf(staff.email)).map((entry) => [entry.action, (entry.data as { detail?: string }).detail]),
    ).toEqual([
      ["ROLE_CHANGED", "staff to admin"],
      ["USER_DISABLED", undefined],
      ["USER_ENABLED", undefined],
    ]);
  });
});
