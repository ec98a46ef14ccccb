import { describe, expect, it } from "vitest";
import { assertActor } from "@/lib/data/blocks/actor";
import { getDb } from "@/lib/db/client";
import { changePassword, disableUser, endAllSessions } from "@/lib/data/users/sessions";
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
