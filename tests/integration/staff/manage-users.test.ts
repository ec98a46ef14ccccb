import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { listUsers, changeUserRole, setUserDisabled } from "@/lib/data/users/manage-users";
import { findSessionUser } from "@/lib/data/users/verify-credentials";
import { decideAppeal } from "@/lib/data/staff";
import { blockWithOpenAppeal, createUser } from "./staff-support";

let adminId: string;
beforeAll(async () => {
  adminId = (await createUser("ADMIN")).id;
});

describe("user management", () => {
  it("lists every login, staff before owners, for admins only", async () => {
    const staff = await createUser("STAFF");
    const owner = await createUser("OWNER");
    const users = await listUsers({ adminId });
    const ids = users.map((user) => user.id);
    expect(ids).toEqual(expect.arrayContaining([staff.id, owner.id, adminId]));
    expect(ids.indexOf(staff.id)).toBeLessThan(ids.indexOf(owner.id));
    expect(users.find((user) => user.id === owner.id)).toMatchObject({ role: "OWNER", accountName: "Owner's account" });
    await expect(listUsers({ adminId: staff.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listUsers({ adminId: owner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("makes staff an admin and back; refuses owners, unknown roles, one's own login, and non-admins", async () => {
    const staff = await createUser("STAFF");
    await expect(changeUserRole({ adminId, userId: staff.id, role: "ADMIN" })).resolves.toEqual({
      email: staff.email,
      role: "ADMIN",
    });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe("ADMIN");
    await changeUserRole({ adminId, userId: staff.id, role: "STAFF" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe("STAFF");

    const owner = await createUser("OWNER");
    await expect(changeUserRole({ adminId, userId: owner.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(changeUserRole({ adminId, userId: staff.id, role: "OWNER" })).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { role: ["Choose staff or admin."] } },
    });
    await expect(changeUserRole({ adminId, userId: adminId, role: "STAFF" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(changeUserRole({ adminId, userId: "nope", role: "STAFF" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(changeUserRole({ adminId: staff.id, userId: owner.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: owner.id } })).role).toBe("OWNER");
  });

  it("disabling ends every session and stops the user acting as staff; enabling needs a new sign-in", async () => {
    const staff = await createUser("STAFF");
    const before = await getDb().user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(await findSessionUser(staff.id, before.sessionVersion)).not.toBeNull();
    await setUserDisabled({ adminId, userId: staff.id, disabled: true });
    const after = await getDb().user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(after.disabledAt).not.toBeNull();
    expect(await findSessionUser(staff.id, before.sessionVersion)).toBeNull();
    const { reference } = await blockWithOpenAppeal();
    await expect(
      decideAppeal({
        staffId: staff.id,
        reference,
        fields: { decision: "ask", text: "Which list did this campaign go to?" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    await setUserDisabled({ adminId, userId: staff.id, disabled: false });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: staff.id } })).disabledAt).toBeNull();
    // The old session stays ended; a fresh one (the current version) works.
    expect(await findSessionUser(staff.id, before.sessionVersion)).toBeNull();
    expect(await findSessionUser(staff.id, after.sessionVersion)).not.toBeNull();
    await expect(setUserDisabled({ adminId, userId: adminId, disabled: true })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(setUserDisabled({ adminId: staff.id, userId: adminId, disabled: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
