import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { deleteDecisionTemplate, listDecisionTemplates, saveDecisionTemplate } from "@/lib/data/staff";
import { createUser } from "./staff-support";

let staffId: string;
let adminId: string;
const unique = () => Math.random().toString(36).slice(2, 8);

describe("decision templates", () => {
  beforeAll(async () => {
    staffId = (await createUser("STAFF")).id;
    adminId = (await createUser("ADMIN")).id;
  });

  it("an admin adds, changes and deletes one; the decision form is offered those for the block's reason or any", async () => {
    const tag = unique();
    const spam = await saveDecisionTemplate({
      adminId,
      fields: {
        title: `Spam decline ${tag}`,
        decision: "deny",
        reason: "SPAM",
        body: "Complaints are still above the limit; write again once they fall.",
      },
    });
    const any = await saveDecisionTemplate({
      adminId,
      fields: {
        title: `Ask for the list ${tag}`,
        decision: "ask",
        reason: "ANY",
        body: "Which list did the campaign go to, and how did those recipients opt in?",
      },
    });
    expect(spam).toMatchObject({ decision: "deny", reason: "SPAM" });
    expect(any.reason).toBeNull();

    const forRate = (await listDecisionTemplates({ staffId, reason: "RATE" })).map((t) => t.title);
    expect(forRate).toContain(`Ask for the list ${tag}`);
    expect(forRate).not.toContain(`Spam decline ${tag}`);
    expect((await listDecisionTemplates({ staffId, reason: "SPAM" })).map((t) => t.title)).toEqual(
      expect.arrayContaining([`Spam decline ${tag}`, `Ask for the list ${tag}`]),
    );

    const changed = await saveDecisionTemplate({
      adminId,
      id: spam.id,
      fields: {
        title: `Spam decline ${tag}`,
        decision: "deny",
        reason: "ABUSE",
        body: "The abuse reports continue; the block stays for now.",
      },
    });
    expect(changed).toMatchObject({
      id: spam.id,
      reason: "ABUSE",
      body: "The abuse reports continue; the block stays for now.",
    });
    await expect(deleteDecisionTemplate({ adminId, id: spam.id })).resolves.toEqual({ title: `Spam decline ${tag}` });
    expect(await getDb().decisionTemplate.findUnique({ where: { id: spam.id } })).toBeNull();
    await expect(deleteDecisionTemplate({ adminId, id: spam.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      saveDecisionTemplate({
        adminId,
        id: spam.id,
        fields: { title: `Gone ${tag}`, decision: "deny", reason: "ANY", body: "This one was deleted meanwhile." },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says exactly what to change: short or missing fields, an unknown decision or reason, a title taken (any case)", async () => {
    const tag = unique();
    await saveDecisionTemplate({
      adminId,
      fields: {
        title: `Taken ${tag}`,
        decision: "approve",
        reason: "ANY",
        body: "Thanks, the list is gone; lifting the block.",
      },
    });
    await expect(
      saveDecisionTemplate({ adminId, fields: { title: "x", decision: "maybe", reason: "OTHER", body: "short" } }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: {
        fieldErrors: {
          title: [expect.stringContaining("at least 3")],
          decision: [expect.any(String)],
          reason: [expect.any(String)],
          body: [expect.stringContaining("at least 10")],
        },
      },
    });
    await expect(
      saveDecisionTemplate({
        adminId,
        fields: {
          title: `TAKEN ${tag}`,
          decision: "approve",
          reason: "ANY",
          body: "Another text under the same title.",
        },
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { title: ["Another template has this title: choose another."] } },
    });
  });

  it("only admins change templates; only staff read them", async () => {
    const fields = {
      title: `Refused ${unique()}`,
      decision: "deny",
      reason: "ANY",
      body: "Not to be stored by a reviewer.",
    };
    await expect(saveDecisionTemplate({ adminId: staffId, fields })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveDecisionTemplate({ adminId: "not-a-uuid", fields })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const owner = await createUser("OWNER");
    await expect(listDecisionTemplates({ staffId: owner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const kept = await saveDecisionTemplate({ adminId, fields: { ...fields, title: `Kept ${unique()}` } });
    await expect(deleteDecisionTemplate({ adminId: staffId, id: kept.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await getDb().user.update({ where: { id: adminId }, data: { disabledAt: new Date() } });
    try {
      await expect(
        saveDecisionTemplate({ adminId, fields: { ...fields, title: `Disabled ${unique()}` } }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      await getDb().user.update({ where: { id: adminId }, data: { disabledAt: null } });
    }
  });
});
