import { describe, expect, it } from "vitest";
import { findSessionUser, verifyCredentials } from "@/lib/data/users/verify-credentials";
import { createUser } from "./staff-support";

describe("verifyCredentials", () => {
  it("accepts the right password, with the address in any case, and returns no hash", async () => {
    const user = await createUser("STAFF", "a long staff password");
    const signedIn = await verifyCredentials(` ${user.email.toUpperCase()} `, "a long staff password");
    expect(signedIn).toEqual({ id: user.id, email: user.email, name: user.name, role: "STAFF", accountId: null });
  });

  it("refuses a wrong password and an unknown address alike", async () => {
    const user = await createUser("ADMIN", "right password");
    expect(await verifyCredentials(user.email, "wrong password")).toBeNull();
    expect(await verifyCredentials("nobody@example.net", "right password")).toBeNull();
  });

  it("reads a session's user as the database has them now", async () => {
    const user = await createUser("OWNER");
    expect(await findSessionUser(user.id)).toMatchObject({ role: "OWNER", accountId: user.accountId });
    expect(await findSessionUser("not-an-id")).toBeNull();
  });
});
