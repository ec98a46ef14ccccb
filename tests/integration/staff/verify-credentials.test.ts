import { describe, expect, it } from "vitest";
import { assertActor } from "@/lib/data/blocks/actor";
import { getDb } from "@/lib/db/client";
import { changePassword, disableUser, endAllSessions, hashPassword } from "@/lib/data/users/sessions";
import { findSessionUser, verifyCredentials } from "@/lib/data/users/verify-credentials";
import { createUser } from "./staff-support";

describe("verifyCredentials", () => {
  it("accepts the right password, with the address in any case, and returns no hash", async () => {
    const user = await createUser("STAFF", "a long staff password");
    const signedIn = await verifyCredentials(` ${user.email.toUpperCase()} `, "a long staff password");
    expect(signedIn).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: "STAFF",
      accountId: null,
      sessionVersion: 0,
    });
  });

  it("refuses a wrong password and an unknown address alike", async () => {
    const user = await createUser("ADMIN", "right password");
    expect(await verifyCredentials(user.email, "wrong password")).toBeNull();
    expect(await verifyCredentials("nobody@example.net", "right password")).toBeNull();
  });

  it("reads a session's user as the database has them now", async () => {
    const user = await createUser("OWNER");
    expect(await findSessionUser(user.id, 0)).toMatchObject({
      role: "OWNER",
      accountId: user.accountId,
      sessionVersion: 0,
    });
    expect(await findSessionUser("not-an-id", 0)).toBeNull();
    expect(await findSessionUser(user.id, 1)).toBeNull();
    expect(await findSessionUser(user.id, Number.NaN)).toBeNull();
  });
});

describe("ending sessions", () => {
  it("ends every session of the user, and only theirs", async () => {
    const user = await createUser("STAFF");
    const other = await createUser("STAFF");
    await endAllSessions(user.id);
    expect(await findSessionUser(user.id, 0)).toBeNull();
    expect(await findSessionUser(user.id, 1)).toMatchObject({ id: user.id, sessionVersion: 1 });
    expect(await findSessionUser(other.id, 0)).toMatchObject({ id: other.id });
    await expect(endAllSessions("not-an-id")).resolves.toBeUndefined();
  });

  it("changes the password and ends the sessions", async () => {
    const user = await createUser("STAFF", "the old password");
    await changePassword(user.id, "the new password");
    expect(await findSessionUser(user.id, 0)).toBeNull();
    expect(await verifyCredentials(user.email, "the old password")).toBeNull();
    expect(await verifyCredentials(user.email, "the new password")).toMatchObject({ id: user.id, sessionVersion: 1 });
  });

  it("disables a user: no sign-in, no session, no acting as staff", async () => {
    const user = await createUser("ADMIN", "a password");
    await assertActor(getDb(), { type: "STAFF", id: user.id });
    await disableUser(user.id);
    expect(await verifyCredentials(user.email, "a password")).toBeNull();
    expect(await findSessionUser(user.id, 0)).toBeNull();
    expect(await findSessionUser(user.id, 1)).toBeNull();
    await expect(assertActor(getDb(), { type: "STAFF", id: user.id })).rejects.toThrow(/Only compliance staff/);
  });
});

describe("passwords over bcrypt's 72 bytes", () => {
  // 86 characters: bcrypt reads only the first 72 bytes of a password.
  const LONG = "a long passphrase of many words, set before any limit on its length was set";
  const LONGER = `${LONG} (86 chars)`;

  it("still signs in with a password set before the limit, longer than it, as before", async () => {
    expect(LONGER.length).toBe(86);
    const user = await createUser("STAFF", LONGER);
    expect(await verifyCredentials(user.email, LONGER)).toMatchObject({ id: user.id });
    expect(await verifyCredentials(user.email, "a long passphrase")).toBeNull();
  });

  it("never hashes one: hashPassword throws, and changing the password to one changes nothing", async () => {
    await expect(hashPassword("é".repeat(37))).rejects.toThrow(/over 72 bytes \(this one is 74\)/);
    await expect(hashPassword(LONGER)).rejects.toThrow(/over 72 bytes/);
    await expect(hashPassword("é".repeat(36))).resolves.toMatch(/^\$2[aby]\$/);
    const user = await createUser("STAFF", "the old password");
    await expect(changePassword(user.id, LONGER)).rejects.toThrow(/over 72 bytes/);
    expect(await verifyCredentials(user.email, "the old password")).toMatchObject({ id: user.id, sessionVersion: 0 });
  });
});
