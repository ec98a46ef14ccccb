import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setUserDisabled } from "@/lib/data/users/manage-users";
import { isLiveOneTimeLink } from "@/lib/data/users/one-time-links";
import { changeOwnPassword, LINK_UNUSABLE, requestPasswordReset, resetPassword } from "@/lib/data/users/passwords";
import { changePassword } from "@/lib/data/users/sessions";
import { verifyCredentials } from "@/lib/data/users/verify-credentials";
import { getDb } from "@/lib/db/client";
import { jobHandlers } from "@/lib/jobs/handlers";
import { issueQueuedPasswordResets } from "../../support/outbox";
import { createUser } from "../staff/staff-support";

/** "Forgot password" as a sender asks for it, and the worker's job that then mails the link (tests/support/outbox.ts). */
async function forgot(request: Parameters<typeof requestPasswordReset>[0]): Promise<void> {
  await requestPasswordReset(request);
  await issueQueuedPasswordResets(request.email.trim(), request.now);
}

const NEW = "a brand new long password";

async function mailedToken(email: string): Promise<string | null> {
  const mails = await getDb().outboxMessage.findMany({
    where: { topic: "mail.send", payload: { path: ["to"], equals: email } },
    orderBy: { id: "desc" },
  });
  const payload = mails[0]?.payload as { template?: string; data?: { token?: string } } | undefined;
  return payload?.template === "password-reset" ? (payload.data?.token ?? null) : null;
}

describe("forgotten passwords and password changes", () => {
  it("mails a one-time link to a known address, stores only its digest, and says nothing about unknown ones", async () => {
    const user = await createUser("OWNER");
    await forgot({ email: user.email.toUpperCase(), client: randomUUID() });
    const token = await mailedToken(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await getDb().oneTimeLink.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.purpose).toBe("PASSWORD_RESET");
    expect(Buffer.from(stored.tokenDigest).toString("hex")).toBe(createHash("sha256").update(token!).digest("hex"));
    await expect(forgot({ email: "nobody-here@example.net", client: randomUUID() })).resolves.toBeUndefined();
    expect(await mailedToken("nobody-here@example.net")).toBeNull();
  });

  it("sets the new password once per link, ends every session, and refuses used, replaced or expired links", async () => {
    const user = await createUser("STAFF");
    await forgot({ email: user.email, client: randomUUID() });
    const first = (await mailedToken(user.email))!;
    await forgot({ email: user.email, client: randomUUID() });
    const second = (await mailedToken(user.email))!;
    // A newer link replaces the older one.
    await expect(
      resetPassword({ token: first, fields: { password: NEW, confirm: NEW }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE" });
    await expect(
      resetPassword({ token: second, fields: { password: "short", confirm: "short" }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      resetPassword({ token: second, fields: { password: NEW, confirm: `${NEW}!` }, client: randomUUID() }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { confirm: [expect.stringMatching(/same new password/)] } },
    });
    expect(await isLiveOneTimeLink(second, "PASSWORD_RESET")).toBe(true);
    expect(await isLiveOneTimeLink(second, "INVITATION")).toBe(false);
    expect(await isLiveOneTimeLink(second, "PASSWORD_RESET", new Date(Date.now() + 31 * 60_000))).toBe(false);
    const before = (await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    await resetPassword({ token: second, fields: { password: NEW, confirm: NEW }, client: randomUUID() });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(before + 1);
    expect(await verifyCredentials(user.email, NEW)).toMatchObject({ id: user.id });
    await expect(
      resetPassword({ token: second, fields: { password: `${NEW} 2`, confirm: `${NEW} 2` }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE" });
    expect(await verifyCredentials(user.email, NEW)).toMatchObject({ id: user.id });
  });

  it("does the same work for a request whether or not a login uses the address; the worker's job mails the link", async () => {
    const user = await createUser("OWNER");
    const queued = (email: string) =>
      getDb().outboxMessage.findMany({
        where: { topic: "password-reset.issue", dispatchedAt: null, payload: { path: ["email"], equals: email } },
        orderBy: { id: "desc" },
      });
    for (const email of [user.email, `nobody-${randomUUID()}@example.net`]) {
      await requestPasswordReset({ email, client: randomUUID() });
      // One queued job either way, and nothing looked up or issued yet: the answer's timing cannot tell.
      expect(await queued(email), email).toHaveLength(1);
      expect(await mailedToken(email), email).toBeNull();
    }
    expect(await getDb().oneTimeLink.count({ where: { userId: user.id } })).toBe(0);
    const [job] = await queued(user.email);
    await jobHandlers["password-reset.issue"](job!.payload as Record<string, unknown>, { log: () => {} });
    const token = await mailedToken(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await isLiveOneTimeLink(token!, "PASSWORD_RESET")).toBe(true);
    // A request the worker reaches after a link's lifetime (it was down) is dropped, not mailed late.
    await requestPasswordReset({ email: user.email, client: randomUUID(), now: new Date(Date.now() - 31 * 60_000) });
    const [late] = await queued(user.email);
    const logged: string[] = [];
    await jobHandlers["password-reset.issue"](late!.payload as Record<string, unknown>, { log: (m) => logged.push(m) });
    expect(logged).toEqual([expect.stringContaining("dropped")]);
    expect(await mailedToken(user.email)).toBe(token);
  });

  it("expires a link after 30 minutes", async () => {
    const user = await createUser("OWNER");
    await forgot({ email: user.email, client: randomUUID(), now: new Date(Date.now() - 31 * 60_000) });
    const token = (await mailedToken(user.email))!;
    await expect(
      resetPassword({ token, fields: { password: NEW, confirm: NEW }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE" });
  });

  it("changes a signed-in user's password only with the current one, ending their sessions", async () => {
    const user = await createUser("OWNER", "the current password");
    await expect(
      changeOwnPassword({ userId: user.id, fields: { current: "wrong one", password: NEW, confirm: NEW } }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { current: ["This is not your current password."] } },
    });
    const fresh = await changeOwnPassword({
      userId: user.id,
      fields: { current: "the current password", password: NEW, confirm: NEW },
    });
    expect(fresh).toMatchObject({ id: user.id, sessionVersion: user.sessionVersion + 1 });
    expect(await verifyCredentials(user.email, "the current password")).toBeNull();
    expect(await verifyCredentials(user.email, NEW)).toMatchObject({ id: user.id });
  });

  it("retires an unused reset link when the password is changed another way", async () => {
    const user = await createUser("OWNER", "the current password");
    await forgot({ email: user.email, client: randomUUID() });
    const token = (await mailedToken(user.email))!;
    expect(await isLiveOneTimeLink(token, "PASSWORD_RESET")).toBe(true);
    await changeOwnPassword({
      userId: user.id,
      fields: { current: "the current password", password: NEW, confirm: NEW },
    });
    expect(await isLiveOneTimeLink(token, "PASSWORD_RESET")).toBe(false);
    await expect(
      resetPassword({ token, fields: { password: `${NEW} 2`, confirm: `${NEW} 2` }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE", message: LINK_UNUSABLE });
    expect(await verifyCredentials(user.email, NEW)).toMatchObject({ id: user.id });

    // Set by the data layer's own password change (what every other path goes through) too.
    await forgot({ email: user.email, client: randomUUID() });
    const again = (await mailedToken(user.email))!;
    await changePassword(user.id, `${NEW} 3`);
    await expect(
      resetPassword({ token: again, fields: { password: `${NEW} 4`, confirm: `${NEW} 4` }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE" });
    expect(await verifyCredentials(user.email, `${NEW} 3`)).toMatchObject({ id: user.id });
    expect(await getDb().oneTimeLink.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
  });

  it("refuses a reset link of a disabled login with the expired link's answer, and enabling it brings none back", async () => {
    const admin = await createUser("ADMIN");
    const user = await createUser("STAFF", "the current password");
    await forgot({ email: user.email, client: randomUUID() });
    const token = (await mailedToken(user.email))!;
    await setUserDisabled({ adminId: admin.id, userId: user.id, disabled: true });
    expect(await isLiveOneTimeLink(token, "PASSWORD_RESET")).toBe(false);
    await expect(
      resetPassword({ token, fields: { password: NEW, confirm: NEW }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE", message: LINK_UNUSABLE });
    await setUserDisabled({ adminId: admin.id, userId: user.id, disabled: false });
    await expect(
      resetPassword({ token, fields: { password: NEW, confirm: NEW }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE", message: LINK_UNUSABLE });
    expect(await verifyCredentials(user.email, "the current password")).toMatchObject({ id: user.id });

    // A link still outstanding while the login is disabled (issued before links were retired
    // on disabling): refused all the same, used up, and the password stays as it was.
    await forgot({ email: user.email, client: randomUUID() });
    const outstanding = (await mailedToken(user.email))!;
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(
      resetPassword({ token: outstanding, fields: { password: NEW, confirm: NEW }, client: randomUUID() }),
    ).rejects.toMatchObject({ code: "GONE", message: LINK_UNUSABLE });
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: null } });
    expect(await isLiveOneTimeLink(outstanding, "PASSWORD_RESET")).toBe(false);
    expect(await verifyCredentials(user.email, "the current password")).toMatchObject({ id: user.id });
  });
});
