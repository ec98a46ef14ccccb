import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listNotificationRecipients, saveNotificationRecipient } from "@/lib/data/account";
import { inviteUser } from "@/lib/data/users/invitations";
import { requestPasswordReset } from "@/lib/data/users/passwords";
import { findLoginByEmail, verifyCredentials } from "@/lib/data/users/verify-credentials";
import { getDb } from "@/lib/db/client";
import { issueQueuedPasswordResets } from "../../support/outbox";
import { createUser } from "../staff/staff-support";

/** "Forgot password" as a sender asks for it, and the worker's job that then mails the link (tests/support/outbox.ts). */
async function forgot(request: Parameters<typeof requestPasswordReset>[0]): Promise<void> {
  await requestPasswordReset(request);
  await issueQueuedPasswordResets(request.email.trim(), request.now);
}

/*
 * Email addresses are compared ignoring case, and nothing else: Prisma's `equals` with
 * `mode: "insensitive"` is an ILIKE on PostgreSQL, where `_` in the typed address stood for
 * any one character (and `%` for any run). `_taff-…@example.net` signed in as
 * `staff-…@example.net`, with sign-in and reset attempts counted apart from the real
 * address's, so the per-address limits held back no one.
 */

const PASSWORD = "correct horse battery";
/** The address with its first character and its `-` written as `_`: each matched it as a LIKE pattern. */
const variantsOf = (email: string) => [`_${email.slice(1)}`, email.replace("-", "_")];

async function resetMailsTo(email: string) {
  return getDb().outboxMessage.count({ where: { topic: "mail.send", payload: { path: ["to"], equals: email } } });
}

describe("addresses with `_` in them", () => {
  it("sign in as nobody else, and do not find another login for single sign-on", async () => {
    const user = await createUser("STAFF", PASSWORD);
    expect(await verifyCredentials(user.email.toUpperCase(), PASSWORD)).toMatchObject({ id: user.id });
    for (const variant of variantsOf(user.email)) {
      expect(await verifyCredentials(variant, PASSWORD), variant).toBeNull();
      expect(await findLoginByEmail(variant), variant).toBeNull();
    }
    // An address that really has `_` in it still signs in, in any case.
    const underscored = await getDb().user.update({
      where: { id: user.id },
      data: { email: user.email.replace("-", "_") },
    });
    expect(await verifyCredentials(underscored.email.toUpperCase(), PASSWORD)).toMatchObject({ id: user.id });
  });

  it("mail no reset link to the login whose address they resemble", async () => {
    const user = await createUser("OWNER");
    for (const variant of variantsOf(user.email)) await forgot({ email: variant, client: randomUUID() });
    expect(await resetMailsTo(user.email)).toBe(0);
    await forgot({ email: user.email.toUpperCase(), client: randomUUID() });
    expect(await resetMailsTo(user.email)).toBe(1);
  });

  it("are their own notification address, and their own invitation", async () => {
    const owner = await createUser("OWNER");
    await saveNotificationRecipient({
      ownerId: owner.id,
      fields: { email: "ops-team@example.org", events: ["created"] },
    });
    await saveNotificationRecipient({
      ownerId: owner.id,
      fields: { email: "ops_team@example.org", events: ["ended"] },
    });
    expect(await listNotificationRecipients({ ownerId: owner.id })).toEqual([
      expect.objectContaining({ email: "ops-team@example.org", events: ["created"] }),
      expect.objectContaining({ email: "ops_team@example.org", events: ["ended"] }),
    ]);
    const admin = await createUser("ADMIN");
    const taken = await createUser("STAFF");
    const invited = await inviteUser({
      adminId: admin.id,
      fields: { email: taken.email.replace("-", "_"), name: "Look-alike", role: "STAFF", accountId: "" },
    });
    expect(invited.email).toBe(taken.email.replace("-", "_"));
  });
});

/*
 * ILIKE folds case by PostgreSQL's Unicode rules: `lower('İ')` is `i` and `lower('K')` (the
 * Kelvin sign) is `k`, so `kİosk-…` found `kiosk-…`. Only ASCII letters are folded now.
 */
describe("addresses with letters that fold onto ASCII", () => {
  const lookAlikes = (email: string) => [email.replace("i", "\u0130"), email.replace("k", "\u212A")];

  it("sign in as nobody, find no login, and get no reset link", async () => {
    const user = await getDb().user.update({
      where: { id: (await createUser("STAFF", PASSWORD)).id },
      data: { email: `kiosk-${randomUUID().slice(0, 8)}@example.net` },
    });
    expect(await verifyCredentials(user.email.toUpperCase(), PASSWORD)).toMatchObject({ id: user.id });
    for (const lookAlike of lookAlikes(user.email)) {
      expect(await verifyCredentials(lookAlike, PASSWORD), lookAlike).toBeNull();
      expect(await findLoginByEmail(lookAlike), lookAlike).toBeNull();
      await forgot({ email: lookAlike, client: randomUUID() });
    }
    expect(await resetMailsTo(user.email)).toBe(0);
  });
});
